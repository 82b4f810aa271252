using System.Globalization;
using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace Ensuresec.Ledger.Notes;

/// <summary>Verifier keys (vkeys) in the c2sp.org/signed-note text form: <c>name+hex(keyID)+base64(type || key)</c>.</summary>
internal static class VerifierKeys
{
    /// <summary>Longest vkey text accepted; real ones are under 200 characters.</summary>
    public const int MaxLength = 4096;

    public static string Format(string name, uint keyId, byte type, ReadOnlySpan<byte> key)
    {
        var material = new byte[1 + key.Length];
        material[0] = type;
        key.CopyTo(material.AsSpan(1));
        return name + "+" + keyId.ToString("x8", CultureInfo.InvariantCulture) + "+" + Convert.ToBase64String(material);
    }

    /// <summary>Reads a vkey of type Ed25519, ECDSA, cosignature/v1 or RFC 6962; the key ID must match the key.</summary>
    public static Parsed<INoteVerifier> Parse(string vkey)
    {
        if (vkey is null || vkey.Length > MaxLength) return Parsed<INoteVerifier>.Fail("verifier key too long");
        var parts = vkey.Split('+', 3);
        if (parts.Length != 3) return Parsed<INoteVerifier>.Fail("a verifier key has three parts separated by '+'");
        string name = parts[0];
        if (!KeyNames.IsValid(name)) return Parsed<INoteVerifier>.Fail("invalid key name");
        if (!KeyNames.TryParseKeyIdHex(parts[1], out uint keyId)) return Parsed<INoteVerifier>.Fail("the key ID is not 8 lowercase hex digits");
        var material = KeyNames.DecodeBase64(parts[2]);
        if (material is null || material.Length < 2) return Parsed<INoteVerifier>.Fail("the key is not valid base64");
        byte type = material[0];
        var key = material[1..];
        INoteVerifier? verifier;
        uint expected;
        switch (type)
        {
            case SignatureType.Ed25519:
                if (key.Length != Ed25519.PublicKeySize) return Parsed<INoteVerifier>.Fail("an Ed25519 key has 32 bytes");
                verifier = new Ed25519Verifier(name, key);
                expected = verifier.KeyId;
                break;
            case SignatureType.CosignatureV1:
                if (key.Length != Ed25519.PublicKeySize) return Parsed<INoteVerifier>.Fail("an Ed25519 cosigner key has 32 bytes");
                verifier = new CosignatureVerifier(name, key);
                expected = verifier.KeyId;
                break;
            case SignatureType.Ecdsa:
                // For ECDSA the key ID is the hash of the SPKI alone (the transparency-dev witness convention).
                expected = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(key));
                verifier = EcdsaVerifier.Create(name, keyId, key);
                break;
            case SignatureType.Rfc6962:
                // static-ct-api: the key ID hashes the RFC 6962 LogID, which is SHA-256 of the SPKI.
                expected = KeyNames.KeyId(name, SignatureType.Rfc6962, SHA256.HashData(key));
                verifier = Rfc6962Verifier.Create(name, keyId, key);
                break;
            default:
                return Parsed<INoteVerifier>.Fail($"unknown signature type 0x{type:x2}");
        }

        if (verifier is null) return Parsed<INoteVerifier>.Fail("the key is not a valid public key of its type");
        if (expected != keyId)
        {
            (verifier as IDisposable)?.Dispose();
            return Parsed<INoteVerifier>.Fail("the key ID does not match the key");
        }

        return Parsed<INoteVerifier>.Success(verifier);
    }
}
