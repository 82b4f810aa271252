using System.Buffers;
using Ensuresec.Waf.Inputs;
using Ensuresec.Waf.Normalization;

namespace Ensuresec.Waf.Detectors;

/// <summary>Finds every keyword of <see cref="KeywordLists"/> in one vectorised pass per value (SearchValues: Teddy/Aho-Corasick).</summary>
internal sealed class KeywordScanner
{
    private readonly SearchValues<string> _lower;
    private readonly SearchValues<string> _exact;
    private readonly Dictionary<string, Keyword> _byText;
    private readonly int _maxLength;

    public KeywordScanner(IEnumerable<Keyword> keywords)
    {
        var list = keywords.ToList();
        _byText = new Dictionary<string, Keyword>(StringComparer.Ordinal);
        foreach (var k in list) _byText.TryAdd(k.CaseSensitive ? k.Text : k.Text.ToLowerInvariant(), k);
        _lower = SearchValues.Create([.. list.Where(k => !k.CaseSensitive).Select(k => k.Text.ToLowerInvariant()).Distinct()], StringComparison.Ordinal);
        _exact = SearchValues.Create([.. list.Where(k => k.CaseSensitive).Select(k => k.Text).Distinct()], StringComparison.Ordinal);
        _maxLength = list.Max(k => k.Text.Length);
    }

    public static KeywordScanner Default { get; } = new(KeywordLists.All());

    public void Scan(in RequestInput input, in NormalizedValue value, AnalysisContext ctx)
    {
        Scan(input, value.Lower, _lower, ctx);
        if (value.Decoded.Length >= 5) Scan(input, value.Decoded, _exact, ctx);
    }

    private void Scan(in RequestInput input, string text, SearchValues<string> values, AnalysisContext ctx)
    {
        int from = 0;
        while (from < text.Length)
        {
            int at = text.AsSpan(from).IndexOfAny(values);
            if (at < 0) return;
            at += from;
            for (int len = Math.Min(_maxLength, text.Length - at); len >= 3; len--)
            {
                if (!_byText.TryGetValue(text.Substring(at, len), out var k)) continue;
                if (Accepts(k, text, at, len)) ctx.Add(k.Class, k.Rule, k.Message, input.Part, input.Name, Around(text, at, len), k.Paranoia, k.Score);
            }

            from = at + 1;
        }
    }

    private static bool Accepts(Keyword k, string text, int at, int len)
    {
        if (k.WordStart && at > 0 && char.IsAsciiLetterOrDigit(text[at - 1])) return false;
        int end = at + len;
        if (k.WordEnd && end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_')) return false;
        if (k.NeedsParen)
        {
            while (end < text.Length && char.IsWhiteSpace(text[end])) end++;
            if (end >= text.Length || text[end] != '(') return false;
        }

        return true;
    }

    internal static ReadOnlySpan<char> Around(string text, int at, int len)
    {
        int start = Math.Max(0, at - 20);
        int end = Math.Min(text.Length, at + len + 40);
        return text.AsSpan(start, end - start);
    }
}
