using System.Buffers.Binary;
using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace Ensuresec.Ledger.Notes;

/// <summary>
/// An Ed25519 private key that signs notes (type 0x01) or, as a cosigner, checkpoints (type 0x04,
/// c2sp.org/tlog-cosignature, with a timestamp from <see cref="TimeProvider"/>).
/// </summary>
internal sealed class Ed25519Signer : INoteSigner
{
    private readonly byte[] _seed;
    private readonly TimeProvider? _cosignClock;

    private Ed25519Signer(string name, byte[] seed, TimeProvider? cosignClock)
    {
        Name = name;
        _seed = seed;
        _cosignClock = cosignClock;
        PublicKey = new byte[Ed25519.PublicKeySize];
        Ed25519.GeneratePublicKey(seed, 0, PublicKey, 0);
        KeyId = KeyNames.KeyId(name, cosignClock is null ? SignatureType.Ed25519 : SignatureType.CosignatureV1, PublicKey);
    }

    public string Name { get; }

    public uint KeyId { get; }

    public byte[] PublicKey { get; }

    /// <summary>The vkey others use to check this signer's signatures.</summary>
    public string VerifierKey => VerifierKeys.Format(Name, KeyId, _cosignClock is null ? SignatureType.Ed25519 : SignatureType.CosignatureV1, PublicKey);

    /// <summary>The private key text: PRIVATE+KEY+name+hex(id)+base64(0x01 || seed), as golang.org/x/mod/sumdb/note writes it.</summary>
    public string PrivateKey
    {
        get
        {
            uint noteId = KeyNames.KeyId(Name, SignatureType.Ed25519, PublicKey);
            return "PRIVATE+KEY+" + VerifierKeys.Format(Name, noteId, SignatureType.Ed25519, _seed);
        }
    }

    public static Ed25519Signer Generate(string name)
    {
        if (!KeyNames.IsValid(name)) throw new ArgumentException("invalid key name: it must be non-empty, without spaces or '+'", nameof(name));
        return new Ed25519Signer(name, RandomNumberGenerator.GetBytes(32), null);
    }

    /// <summary>The same key used as a c2sp.org/tlog-cosignature cosigner (key ID with type 0x04).</summary>
    public Ed25519Signer AsCosigner(TimeProvider clock) => new(Name, _seed, clock ?? throw new ArgumentNullException(nameof(clock)));

    /// <summary>Reads PRIVATE+KEY+name+hash+base64(0x01 || 32-byte seed); the hash must match the derived public key.</summary>
    public static Parsed<Ed25519Signer> Parse(string skey)
    {
        const string prefix = "PRIVATE+KEY+";
        if (skey is null || !skey.StartsWith(prefix, StringComparison.Ordinal) || skey.Length > 512) return Parsed<Ed25519Signer>.Fail("a private key starts with PRIVATE+KEY+");
        var parts = skey[prefix.Length..].Split('+', 3);
        if (parts.Length != 3) return Parsed<Ed25519Signer>.Fail("a private key has the form PRIVATE+KEY+name+hash+key");
        if (!KeyNames.IsValid(parts[0])) return Parsed<Ed25519Signer>.Fail("invalid key name");
        if (!KeyNames.TryParseKeyIdHex(parts[1], out uint keyId)) return Parsed<Ed25519Signer>.Fail("the key ID is not 8 lowercase hex digits");
        var material = KeyNames.DecodeBase64(parts[2]);
        if (material is null || material.Length != 33 || material[0] != SignatureType.Ed25519) return Parsed<Ed25519Signer>.Fail("the key is not a base64 Ed25519 seed");
        var signer = new Ed25519Signer(parts[0], material[1..], null);
        return signer.KeyId == keyId ? Parsed<Ed25519Signer>.Success(signer) : Parsed<Ed25519Signer>.Fail("the key ID does not match the key");
    }

    public byte[] Sign(ReadOnlySpan<byte> text)
    {
        if (_cosignClock is null) return SignRaw(text.ToArray());
        ulong timestamp = (ulong)_cosignClock.GetUtcNow().ToUnixTimeSeconds();
        var signature = new byte[8 + Ed25519.SignatureSize];
        BinaryPrimitives.WriteUInt64BigEndian(signature, timestamp);
        SignRaw(CosignatureVerifier.Message(timestamp, text)).CopyTo(signature, 8);
        return signature;
    }

    /// <summary>The verifier for this key's signatures.</summary>
    public INoteVerifier Verifier() => _cosignClock is null ? new Ed25519Verifier(Name, PublicKey) : new CosignatureVerifier(Name, PublicKey);

    private byte[] SignRaw(byte[] message)
    {
        var signature = new byte[Ed25519.SignatureSize];
        // With the public key given, BouncyCastle does not derive it again (a second scalar multiplication) for every signature.
        Ed25519.Sign(_seed, 0, PublicKey, 0, message, 0, message.Length, signature, 0);
        return signature;
    }
}
