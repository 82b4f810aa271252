namespace Ensuresec.Ledger.Notes;

/// <summary>The signature type bytes of c2sp.org/signed-note that this ledger reads.</summary>
internal static class SignatureType
{
    public const byte Ed25519 = 0x01;
    public const byte Ecdsa = 0x02;
    public const byte CosignatureV1 = 0x04;
    public const byte Rfc6962 = 0x05;
}
