using System.Globalization;
using System.Text.RegularExpressions;

namespace Ensuresec.Integrity.Inspect.Js;

/// <summary>
/// Undoes Dean Edwards' "packer" (<c>eval(function(p,a,c,k,e,d){...}('payload',radix,count,'w|o|r|d|s'.split('|'),0,{}))</c>)
/// by doing in C# what its decoder function would do: replace each base-radix word of the payload by its
/// dictionary entry. The packed code is never run.
/// </summary>
internal static partial class JsUnpacker
{
    /// <summary>Finds a packer call in <paramref name="tokens"/> starting at <paramref name="evalIndex"/>; null when it is not one.</summary>
    public static string? TryUnpack(List<JsToken> tokens, int evalIndex)
    {
        // eval ( function ( p , a , c , k , e , d ) { ... } ( 'payload' , radix , count , 'words' . split ( '|' ) ...
        if (evalIndex + 4 >= tokens.Count || !tokens[evalIndex + 1].IsPunct("(") || !tokens[evalIndex + 2].IsIdent("function")) return null;
        int limit = Math.Min(tokens.Count - 10, evalIndex + 4000);
        for (int j = evalIndex + 3; j < limit; j++)
        {
            if (tokens[j].Kind == JsTokenKind.String && tokens[j + 1].IsPunct(",") && tokens[j + 2].Kind == JsTokenKind.Number &&
                tokens[j + 3].IsPunct(",") && tokens[j + 4].Kind == JsTokenKind.Number && tokens[j + 5].IsPunct(",") &&
                tokens[j + 6].Kind == JsTokenKind.String && tokens[j + 7].IsPunct(".") && tokens[j + 8].IsIdent("split") &&
                tokens[j + 9].IsPunct("(") && tokens[j + 10].Kind == JsTokenKind.String &&
                int.TryParse(tokens[j + 2].Text, NumberStyles.None, CultureInfo.InvariantCulture, out int radix) &&
                int.TryParse(tokens[j + 4].Text, NumberStyles.None, CultureInfo.InvariantCulture, out int count))
            {
                return Unpack(tokens[j].Text, radix, count, tokens[j + 6].Text.Split(tokens[j + 10].Text));
            }
        }

        return null;
    }

    public static string? Unpack(string payload, int radix, int count, string[] words)
    {
        if (radix is < 2 or > 95 || count < 0 || count > 1_000_000) return null;
        var dictionary = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int c = Math.Min(count, words.Length) - 1; c >= 0; c--)
        {
            if (words[c].Length > 0) dictionary[Encode(c, radix)] = words[c];
        }

        return WordPattern().Replace(payload, m => dictionary.TryGetValue(m.Value, out string? w) ? w : m.Value);
    }

    /// <summary>The packer's own word encoding: base radix, digits 0-9a-z then letters from char 29 up.</summary>
    internal static string Encode(int c, int radix)
    {
        string head = c < radix ? string.Empty : Encode(c / radix, radix);
        int d = c % radix;
        return head + (d > 35 ? ((char)(d + 29)).ToString() : Base36(d));
    }

    private static string Base36(int d) => d < 10 ? ((char)('0' + d)).ToString() : ((char)('a' + d - 10)).ToString();

    [GeneratedRegex(@"\b\w+\b", RegexOptions.CultureInvariant, 2000)]
    private static partial Regex WordPattern();
}
