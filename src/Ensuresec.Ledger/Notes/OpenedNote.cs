namespace Ensuresec.Ledger.Notes;

/// <summary>A note whose signatures were checked: its text, the signatures by known keys (all valid) and the others.</summary>
internal sealed record OpenedNote(string Text, IReadOnlyList<NoteSignature> Verified, IReadOnlyList<NoteSignature> Unverified);
