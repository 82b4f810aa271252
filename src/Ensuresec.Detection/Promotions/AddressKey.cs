using System.Globalization;
using System.Text;

namespace Ensuresec.Detection.Promotions;

/// <summary>
/// A postal address reduced to a key, so that one address typed differently is still one address: case, accents,
/// punctuation and whitespace dropped, street-type and direction words abbreviated (Street to st, Avenue to ave,
/// North to n; the USPS Publication 28 forms, plus common German and French ones), and unit designators
/// (Apartment, Apt., Unit, Suite, Flat, Wohnung, #) turned into one form "#&lt;number&gt;", so "12 Main Street, Apt. 3B" and
/// "12 main st #3b" give the same key. Returns null for an empty or unusable address.
/// </summary>
internal static class AddressKey
{
    /// <summary>Longest address read; the rest is ignored (an attacker cannot make the key large).</summary>
    public const int MaxLength = 300;

    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        ["street"] = "st", ["str"] = "st", ["strasse"] = "st", ["straße"] = "st", ["avenue"] = "ave", ["av"] = "ave", ["road"] = "rd",
        ["drive"] = "dr", ["lane"] = "ln", ["boulevard"] = "blvd", ["court"] = "ct", ["place"] = "pl", ["square"] = "sq",
        ["terrace"] = "ter", ["highway"] = "hwy", ["parkway"] = "pkwy", ["circle"] = "cir", ["trail"] = "trl", ["way"] = "way",
        ["north"] = "n", ["south"] = "s", ["east"] = "e", ["west"] = "w", ["northeast"] = "ne", ["northwest"] = "nw",
        ["southeast"] = "se", ["southwest"] = "sw", ["rue"] = "rue", ["chemin"] = "ch", ["allee"] = "all", ["weg"] = "weg",
        ["first"] = "1st", ["second"] = "2nd", ["third"] = "3rd", ["saint"] = "st",
    };

    private static readonly HashSet<string> UnitWords = new(StringComparer.Ordinal)
    {
        "apartment", "apt", "unit", "suite", "ste", "flat", "room", "rm", "no", "number", "wohnung", "whg", "appartement", "appt", "#",
    };

    public static string? Of(string? address)
    {
        if (string.IsNullOrWhiteSpace(address)) return null;
        string text = address.Length > MaxLength ? address[..MaxLength] : address;
        var tokens = Tokens(text);
        var sb = new StringBuilder(text.Length);
        for (int i = 0; i < tokens.Count; i++)
        {
            string t = tokens[i];
            if (UnitWords.Contains(t))
            {
                // "Apt 3", "Apt. #3", "# 3": the designator goes, the number stays marked as a unit.
                while (i + 1 < tokens.Count && UnitWords.Contains(tokens[i + 1])) i++;
                if (i + 1 < tokens.Count)
                {
                    Append(sb, "#" + tokens[++i]);
                }

                continue;
            }

            Append(sb, Words.TryGetValue(t, out var abbreviation) ? abbreviation : t);
        }

        return sb.Length == 0 ? null : sb.ToString();
    }

    private static void Append(StringBuilder sb, string token)
    {
        if (sb.Length > 0) sb.Append(' ');
        sb.Append(token);
    }

    // Lower-case letters and digits in runs; "#" is a token of its own; accents are removed; everything else separates.
    private static List<string> Tokens(string text)
    {
        string folded = RemoveAccents(text.ToLowerInvariant());
        var tokens = new List<string>();
        var current = new StringBuilder();
        foreach (char c in folded)
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(c);
                continue;
            }

            // "3b" and "3-b" are the same unit; a hyphen between a digit and a letter joins them.
            if (c == '-' && current.Length > 0) continue;
            Flush(tokens, current);
            if (c == '#') tokens.Add("#");
        }

        Flush(tokens, current);
        return tokens;
    }

    private static void Flush(List<string> tokens, StringBuilder current)
    {
        if (current.Length == 0) return;
        tokens.Add(current.ToString());
        current.Clear();
    }

    private static string RemoveAccents(string text)
    {
        string decomposed = text.Replace("ß", "ss", StringComparison.Ordinal).Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (char c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) sb.Append(c);
        }

        return sb.ToString();
    }
}
