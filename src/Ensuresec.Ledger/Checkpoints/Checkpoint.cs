using System.Globalization;
using System.Text;

namespace Ensuresec.Ledger.Checkpoints;

/// <summary>
/// A c2sp.org/tlog-checkpoint note text: origin, tree size (decimal, no leading zeros), base64 root hash, then
/// optional extension lines.
/// </summary>
internal sealed record Checkpoint(string Origin, ulong Size, byte[] RootHash, string Extensions = "")
{
    /// <summary>The note text, each line ending in a newline.</summary>
    public string Format() =>
        Origin + "\n" + Size.ToString(CultureInfo.InvariantCulture) + "\n" + Convert.ToBase64String(RootHash) + "\n" + Extensions;

    public byte[] FormatBytes() => Encoding.UTF8.GetBytes(Format());

    /// <summary>Reads a checkpoint text; the root hash may have any length here (callers that hash check for 32 bytes).</summary>
    public static Parsed<Checkpoint> Parse(string text)
    {
        if (text is null) return Parsed<Checkpoint>.Fail("no checkpoint");
        if (!text.EndsWith('\n')) return Parsed<Checkpoint>.Fail("a checkpoint ends with a newline");
        int first = text.IndexOf('\n', StringComparison.Ordinal);
        int second = first < 0 ? -1 : text.IndexOf('\n', first + 1);
        int third = second < 0 ? -1 : text.IndexOf('\n', second + 1);
        if (third < 0) return Parsed<Checkpoint>.Fail("a checkpoint has at least three lines: origin, size, root hash");
        string origin = text[..first];
        string size = text[(first + 1)..second];
        string root = text[(second + 1)..third];
        if (origin.Length == 0) return Parsed<Checkpoint>.Fail("the origin line is empty");
        if (!TryParseSize(size, out ulong n)) return Parsed<Checkpoint>.Fail($"the tree size '{Truncate(size)}' is not a decimal number below 2^64 without leading zeros");
        var hash = Notes.KeyNames.DecodeBase64(root);
        if (hash is null) return Parsed<Checkpoint>.Fail("the root hash is not base64");
        return Parsed<Checkpoint>.Success(new Checkpoint(origin, n, hash, text[(third + 1)..]));
    }

    /// <summary>A decimal in the range of ulong, with no sign, no leading zeros and nothing else.</summary>
    public static bool TryParseSize(string text, out ulong value)
    {
        value = 0;
        if (text.Length == 0 || text.Length > 20 || text.Any(c => c is < '0' or > '9')) return false;
        if (text.Length > 1 && text[0] == '0') return false;
        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
