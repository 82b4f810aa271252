namespace Ensuresec.Ledger.Notes;

/// <summary>A private key that signs note texts.</summary>
internal interface INoteSigner
{
    string Name { get; }

    uint KeyId { get; }

    /// <summary>The signature over the text, without the key ID prefix.</summary>
    byte[] Sign(ReadOnlySpan<byte> text);
}
