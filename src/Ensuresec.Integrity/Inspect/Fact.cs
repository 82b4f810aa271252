namespace Ensuresec.Integrity.Inspect;

/// <summary>
/// One behaviour seen in code: its id (e.g. "card-field-access"), where, and the evidence in a few words.
/// <see cref="Position"/> orders facts within the file (piece of code, then token), so rules can ask that their
/// facts lie close together; -1 marks a fact about the whole file.
/// </summary>
internal sealed record Fact(string Id, int Line, string Evidence, long Position = -1)
{
    /// <summary>Token positions of different pieces of code (the file, each decoded payload) never fall in one window.</summary>
    public const long PieceStride = 1_000_000_000;

    public bool IsFileWide => Position < 0;
}
