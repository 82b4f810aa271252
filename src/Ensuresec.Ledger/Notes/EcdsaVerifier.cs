using System.Security.Cryptography;

namespace Ensuresec.Ledger.Notes;

/// <summary>Signature type 0x02: ECDSA (DER signature over SHA-256 of the note text), as the transparency-dev witness writes it.</summary>
internal sealed class EcdsaVerifier : INoteVerifier, IDisposable
{
    private readonly ECDsa _key;

    private EcdsaVerifier(string name, uint keyId, ECDsa key)
    {
        Name = name;
        KeyId = keyId;
        _key = key;
    }

    public string Name { get; }

    public uint KeyId { get; }

    /// <summary>Reads a DER SubjectPublicKeyInfo; null if it is not an ECDSA key on a NIST curve.</summary>
    public static EcdsaVerifier? Create(string name, uint keyId, byte[] spki)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(spki, out int read);
            if (read != spki.Length) throw new CryptographicException("trailing bytes after the key");
            return new EcdsaVerifier(name, keyId, key);
        }
        catch (CryptographicException)
        {
            key.Dispose();
            return null;
        }
    }

    public bool Verify(ReadOnlySpan<byte> text, ReadOnlySpan<byte> signature) =>
        _key.VerifyData(text, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    public void Dispose() => _key.Dispose();
}
