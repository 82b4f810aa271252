using System.Globalization;
using System.Numerics;

namespace Ensuresec.Integrity.Components.Versions;

/// <summary>
/// An approximate order for ecosystems without a scheme of their own here (Maven, PyPI, RubyGems ...): numeric runs
/// compare as numbers, separators are ignored, a letter run after a number marks a pre-release (1.0rc1 &lt; 1.0),
/// except "post", "sp", "p", "patch" and "final"/"ga"/"release" (final is the release itself). Good for dotted
/// numeric releases; the exotic corners of each ecosystem's grammar are not modelled (docs/INTEGRITY.md).
/// </summary>
internal sealed class GenericScheme(string name) : IVersionScheme
{
    public string Name => name;

    public int? Compare(string a, string b)
    {
        var x = Tokens(a);
        var y = Tokens(b);
        if (x.Count == 0 || y.Count == 0) return null;
        int n = Math.Max(x.Count, y.Count);
        for (int i = 0; i < n; i++)
        {
            var tx = i < x.Count ? x[i] : (Rank: 1, Number: BigInteger.Zero, Text: string.Empty);
            var ty = i < y.Count ? y[i] : (Rank: 1, Number: BigInteger.Zero, Text: string.Empty);
            int c = tx.Rank.CompareTo(ty.Rank);
            if (c == 0) c = tx.Number.CompareTo(ty.Number);
            if (c == 0) c = Math.Sign(string.CompareOrdinal(tx.Text, ty.Text));
            if (c != 0) return c;
        }

        return 0;
    }

    // Rank: 0 pre-release word, 1 number (or nothing: a missing part equals 0), 2 post-release word
    private static List<(int Rank, BigInteger Number, string Text)> Tokens(string version)
    {
        var tokens = new List<(int, BigInteger, string)>();
        string v = version.Trim().ToLowerInvariant();
        if (v.StartsWith('v')) v = v[1..];
        int i = 0;
        while (i < v.Length)
        {
            if (char.IsAsciiDigit(v[i]))
            {
                int s = i;
                while (i < v.Length && char.IsAsciiDigit(v[i])) i++;
                if (i - s > 40) return [];
                tokens.Add((1, BigInteger.Parse(v.AsSpan(s, i - s), CultureInfo.InvariantCulture), string.Empty));
            }
            else if (char.IsAsciiLetter(v[i]))
            {
                int s = i;
                while (i < v.Length && char.IsAsciiLetter(v[i])) i++;
                string word = v[s..i];
                if (word is "final" or "ga" or "release") continue;
                int rank = word is "post" or "sp" or "p" or "pl" or "patch" or "r" ? 2 : 0;
                tokens.Add((rank, BigInteger.Zero, PreOrder(word)));
            }
            else
            {
                i++;
            }
        }

        return tokens;
    }

    private static string PreOrder(string word) => word switch
    {
        "dev" or "snapshot" => "0",
        "a" or "alpha" => "1",
        "b" or "beta" => "2",
        "m" or "milestone" => "3",
        "c" or "rc" or "cr" or "pre" or "preview" => "4",
        _ => "5" + word,
    };
}
