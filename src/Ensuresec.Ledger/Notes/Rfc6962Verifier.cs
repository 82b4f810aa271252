using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Ensuresec.Ledger.Checkpoints;

namespace Ensuresec.Ledger.Notes;

/// <summary>
/// Signature type 0x05: an RFC 6962 TreeHeadSignature (c2sp.org/static-ct-api). The signature holds a timestamp and a
/// TLS DigitallySigned ECDSA-P256/SHA-256 signature over the tree head; the note text must be a checkpoint whose
/// origin is the key name, since the tree head does not include the origin.
/// </summary>
internal sealed class Rfc6962Verifier : INoteVerifier, IDisposable
{
    private readonly ECDsa _key;

    private Rfc6962Verifier(string name, uint keyId, ECDsa key)
    {
        Name = name;
        KeyId = keyId;
        _key = key;
    }

    public string Name { get; }

    public uint KeyId { get; }

    public static Rfc6962Verifier? Create(string name, uint keyId, byte[] spki)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(spki, out int read);
            if (read != spki.Length) throw new CryptographicException("trailing bytes after the key");
            return new Rfc6962Verifier(name, keyId, key);
        }
        catch (CryptographicException)
        {
            key.Dispose();
            return null;
        }
    }

    public bool Verify(ReadOnlySpan<byte> text, ReadOnlySpan<byte> signature)
    {
        // timestamp(8) || hash alg (4 = SHA-256) || signature alg (3 = ECDSA) || uint16 length || DER signature
        if (signature.Length < 12) return false;
        ulong timestamp = BinaryPrimitives.ReadUInt64BigEndian(signature);
        if (signature[8] != 4 || signature[9] != 3) return false;
        int length = BinaryPrimitives.ReadUInt16BigEndian(signature[10..]);
        if (signature.Length != 12 + length) return false;
        var checkpoint = Checkpoint.Parse(Encoding.UTF8.GetString(text));
        if (!checkpoint.Ok || !string.Equals(checkpoint.Value.Origin, Name, StringComparison.Ordinal) || checkpoint.Value.RootHash.Length != 32) return false;
        return _key.VerifyData(TreeHeadInput(timestamp, checkpoint.Value.Size, checkpoint.Value.RootHash), signature[12..], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    /// <summary>The RFC 6962 §3.5 signed structure: version v1, type tree_hash, timestamp, tree size, root hash.</summary>
    public static byte[] TreeHeadInput(ulong timestamp, ulong size, ReadOnlySpan<byte> rootHash)
    {
        var input = new byte[2 + 8 + 8 + rootHash.Length];
        input[0] = 0;
        input[1] = 1;
        BinaryPrimitives.WriteUInt64BigEndian(input.AsSpan(2), timestamp);
        BinaryPrimitives.WriteUInt64BigEndian(input.AsSpan(10), size);
        rootHash.CopyTo(input.AsSpan(18));
        return input;
    }

    /// <summary>The vkey of an RFC 6962 log: its URL without scheme and trailing slash as the name, type 0x05 and the SPKI.</summary>
    public static string VerifierKeyFor(string url, byte[] spki)
    {
        string name = url;
        int scheme = name.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0) name = name[(scheme + 3)..];
        name = name.TrimEnd('/');
        return VerifierKeys.Format(name, KeyNames.KeyId(name, SignatureType.Rfc6962, SHA256.HashData(spki)), SignatureType.Rfc6962, spki);
    }

    public void Dispose() => _key.Dispose();
}
