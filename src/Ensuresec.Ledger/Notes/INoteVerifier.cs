namespace Ensuresec.Ledger.Notes;

/// <summary>A known key that checks note signatures; identified by its name and 32-bit key ID together.</summary>
internal interface INoteVerifier
{
    string Name { get; }

    uint KeyId { get; }

    /// <summary>Checks <paramref name="signature"/> (without the 4-byte key ID) over the note text.</summary>
    bool Verify(ReadOnlySpan<byte> text, ReadOnlySpan<byte> signature);
}
