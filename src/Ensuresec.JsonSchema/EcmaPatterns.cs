using System.Text.RegularExpressions;

namespace Ensuresec.JsonSchema;

/// <summary>
/// JSON Schema patterns are ECMA-262 regular expressions; .NET's dialect is close. The differences handled here:
/// Unicode property escapes with long names (\p{Letter}), which .NET spells with short category names (\p{L}),
/// and \d and \w, which are ASCII-only in ECMA-262 but match any Unicode digit or letter in .NET.
/// </summary>
internal static partial class EcmaPatterns
{
    private static readonly Dictionary<string, string> Categories = new(StringComparer.Ordinal)
    {
        ["Letter"] = "L", ["Lowercase_Letter"] = "Ll", ["Uppercase_Letter"] = "Lu", ["Titlecase_Letter"] = "Lt",
        ["Modifier_Letter"] = "Lm", ["Other_Letter"] = "Lo", ["Mark"] = "M", ["Number"] = "N", ["Decimal_Number"] = "Nd",
        ["digit"] = "Nd", ["Letter_Number"] = "Nl", ["Other_Number"] = "No", ["Punctuation"] = "P", ["punct"] = "P",
        ["Symbol"] = "S", ["Separator"] = "Z", ["Space_Separator"] = "Zs", ["Control"] = "Cc", ["Other"] = "C",
    };

    public static string ToDotNet(string pattern) => AsciiClasses(LongPropertyNames(pattern));

    private static string AsciiClasses(string pattern)
    {
        if (!pattern.Contains('\\', StringComparison.Ordinal)) return pattern;
        var sb = new System.Text.StringBuilder(pattern.Length + 16);
        bool inClass = false;
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                char next = pattern[++i];
                sb.Append((next, inClass) switch
                {
                    ('d', true) => "0-9",
                    ('d', false) => "[0-9]",
                    ('D', false) => "[^0-9]",
                    ('w', true) => "a-zA-Z0-9_",
                    ('w', false) => "[a-zA-Z0-9_]",
                    ('W', false) => "[^a-zA-Z0-9_]",
                    _ => string.Concat("\\", next.ToString()),
                });
                continue;
            }

            if (c == '[') inClass = true;
            else if (c == ']') inClass = false;
            sb.Append(c);
        }

        return sb.ToString();
    }

    private static string LongPropertyNames(string pattern) =>
        !pattern.Contains("\\p{", StringComparison.Ordinal) && !pattern.Contains("\\P{", StringComparison.Ordinal)
            ? pattern
            : PropertyEscape().Replace(pattern, m => Categories.TryGetValue(m.Groups[2].Value, out string? shortName) ? $"\\{m.Groups[1].Value}{{{shortName}}}" : m.Value);

    [GeneratedRegex(@"\\([pP])\{([A-Za-z_]+)\}")]
    private static partial Regex PropertyEscape();
}
