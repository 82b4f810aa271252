using Org.BouncyCastle.Math.EC.Rfc8032;

namespace Ensuresec.Ledger.Notes;

/// <summary>Signature type 0x01: Ed25519 (RFC 8032) over the note text.</summary>
internal sealed class Ed25519Verifier(string name, byte[] publicKey) : INoteVerifier
{
    public string Name { get; } = name;

    public uint KeyId { get; } = KeyNames.KeyId(name, SignatureType.Ed25519, publicKey);

    public byte[] PublicKey { get; } = publicKey;

    public bool Verify(ReadOnlySpan<byte> text, ReadOnlySpan<byte> signature) =>
        signature.Length == Ed25519.SignatureSize && Ed25519.Verify(signature.ToArray(), 0, PublicKey, 0, text.ToArray(), 0, text.Length);

    /// <summary>The vkey text: name+hex(id)+base64(0x01 || key).</summary>
    public string VerifierKey => VerifierKeys.Format(Name, KeyId, SignatureType.Ed25519, PublicKey);
}
