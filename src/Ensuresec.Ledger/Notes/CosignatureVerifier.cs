using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace Ensuresec.Ledger.Notes;

/// <summary>
/// Signature type 0x04: c2sp.org/tlog-cosignature Ed25519 cosignatures. The signature is an 8-byte big-endian
/// timestamp and an Ed25519 signature over "cosignature/v1\ntime T\n" followed by the checkpoint text.
/// </summary>
internal sealed class CosignatureVerifier(string name, byte[] publicKey) : INoteVerifier
{
    public string Name { get; } = name;

    public uint KeyId { get; } = KeyNames.KeyId(name, SignatureType.CosignatureV1, publicKey);

    public byte[] PublicKey { get; } = publicKey;

    public string VerifierKey => VerifierKeys.Format(Name, KeyId, SignatureType.CosignatureV1, PublicKey);

    public bool Verify(ReadOnlySpan<byte> text, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != 8 + Ed25519.SignatureSize) return false;
        ulong timestamp = BinaryPrimitives.ReadUInt64BigEndian(signature);
        if (timestamp > long.MaxValue) return false;
        var message = Message(timestamp, text);
        return Ed25519.Verify(signature[8..].ToArray(), 0, PublicKey, 0, message, 0, message.Length);
    }

    /// <summary>The timestamp a cosignature carries (seconds since the epoch).</summary>
    public static ulong Timestamp(ReadOnlySpan<byte> signature) => signature.Length >= 8 ? BinaryPrimitives.ReadUInt64BigEndian(signature) : 0;

    public static byte[] Message(ulong timestamp, ReadOnlySpan<byte> checkpointText)
    {
        byte[] header = Encoding.ASCII.GetBytes("cosignature/v1\ntime " + timestamp.ToString(CultureInfo.InvariantCulture) + "\n");
        var message = new byte[header.Length + checkpointText.Length];
        header.CopyTo(message, 0);
        checkpointText.CopyTo(message.AsSpan(header.Length));
        return message;
    }
}
