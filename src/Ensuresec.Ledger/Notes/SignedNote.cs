using System.Buffers.Binary;
using System.Text;

namespace Ensuresec.Ledger.Notes;

/// <summary>
/// c2sp.org/signed-note: a text ending in a newline, a blank line, then signature lines
/// "— name base64(keyID || signature)". Opening checks the format strictly, then every signature by a known key.
/// </summary>
internal static class SignedNote
{
    /// <summary>Most signature lines accepted (the spec asks for at least 16; golang.org/x/mod allows 100).</summary>
    public const int MaxSignatures = 100;

    /// <summary>Largest note accepted.</summary>
    public const int MaxBytes = 1 << 20;

    public const string Malformed = "malformed note";
    public const string NoVerifiableSignatures = "note has no verifiable signatures";

    /// <summary>Opens a note given as bytes (invalid UTF-8 is a malformed note).</summary>
    public static Parsed<OpenedNote> Open(ReadOnlySpan<byte> note, IEnumerable<INoteVerifier> verifiers)
    {
        if (note.Length > MaxBytes) return Parsed<OpenedNote>.Fail(Malformed + ": too large");
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(note);
        }
        catch (DecoderFallbackException)
        {
            return Parsed<OpenedNote>.Fail(Malformed + ": not valid UTF-8");
        }

        return Open(text, verifiers);
    }

    public static Parsed<OpenedNote> Open(string note, IEnumerable<INoteVerifier> verifiers)
    {
        ArgumentNullException.ThrowIfNull(verifiers);
        var parsed = Split(note);
        if (!parsed.Ok) return Parsed<OpenedNote>.Fail(parsed.Error);
        var (text, signatures) = parsed.Value;
        var known = verifiers.ToList();
        var verified = new List<NoteSignature>();
        var unverified = new List<NoteSignature>();
        var seen = new HashSet<(string, uint)>();
        byte[] textBytes = Encoding.UTF8.GetBytes(text);
        foreach (var sig in signatures)
        {
            if (!seen.Add((sig.Name, sig.KeyId))) continue;
            var verifier = known.FirstOrDefault(v => v.KeyId == sig.KeyId && string.Equals(v.Name, sig.Name, StringComparison.Ordinal));
            if (verifier is null)
            {
                unverified.Add(sig);
                continue;
            }

            if (!verifier.Verify(textBytes, sig.Signature)) return Parsed<OpenedNote>.Fail("invalid signature for key " + sig.KeyLabel);
            verified.Add(sig);
        }

        return verified.Count == 0
            ? Parsed<OpenedNote>.Fail(NoVerifiableSignatures)
            : Parsed<OpenedNote>.Success(new OpenedNote(text, verified, unverified));
    }

    /// <summary>Splits a note into its text and signature lines, checking the format but no signature.</summary>
    public static Parsed<(string Text, List<NoteSignature> Signatures)> Split(string note)
    {
        static Parsed<(string, List<NoteSignature>)> Bad(string why) => Parsed<(string, List<NoteSignature>)>.Fail(Malformed + ": " + why);
        if (note is null || note.Length > MaxBytes) return Bad("too large");
        foreach (char c in note)
        {
            if (c < 0x20 && c != '\n') return Bad("control character");
            if (c == '\uFFFD') return Bad("not valid UTF-8");
        }

        int split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0) return Bad("no blank line before the signatures");
        string text = note[..(split + 1)];
        string block = note[(split + 2)..];
        if (block.Length == 0 || !block.EndsWith('\n')) return Bad("signatures must end with a newline");
        var lines = block[..^1].Split('\n');
        if (lines.Length > MaxSignatures) return Bad($"more than {MaxSignatures} signatures");
        var signatures = new List<NoteSignature>(lines.Length);
        foreach (string line in lines)
        {
            if (!line.StartsWith("\u2014 ", StringComparison.Ordinal)) return Bad("a signature line starts with an em dash and a space");
            string rest = line[2..];
            int space = rest.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0) return Bad("a signature line has a name and a signature");
            string name = rest[..space];
            if (!KeyNames.IsValid(name)) return Bad("invalid key name");
            var bytes = KeyNames.DecodeBase64(rest[(space + 1)..]);
            if (bytes is null || bytes.Length < 5) return Bad("invalid signature encoding");
            signatures.Add(new NoteSignature(name, BinaryPrimitives.ReadUInt32BigEndian(bytes), bytes[4..]));
        }

        return Parsed<(string, List<NoteSignature>)>.Success((text, signatures));
    }

    /// <summary>
    /// Signs <paramref name="text"/> (which must end in a newline and contain no blank-line signature block of its own):
    /// the existing signatures first, minus any by the same keys, then one per signer in order.
    /// </summary>
    public static string Sign(string text, IEnumerable<INoteSigner> signers, IEnumerable<NoteSignature>? existing = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(signers);
        if (!text.EndsWith('\n')) throw new ArgumentException("a note text ends with a newline", nameof(text));
        if (text.Any(c => c < 0x20 && c != '\n')) throw new ArgumentException("a note text has no control characters", nameof(text));
        var list = signers.ToList();
        byte[] textBytes = Encoding.UTF8.GetBytes(text);
        var sb = new StringBuilder(text).Append('\n');
        foreach (var sig in existing ?? [])
        {
            if (list.Any(s => s.KeyId == sig.KeyId && string.Equals(s.Name, sig.Name, StringComparison.Ordinal))) continue;
            sb.Append(sig.Line);
        }

        foreach (var signer in list) sb.Append(new NoteSignature(signer.Name, signer.KeyId, signer.Sign(textBytes)).Line);
        return sb.ToString();
    }
}
