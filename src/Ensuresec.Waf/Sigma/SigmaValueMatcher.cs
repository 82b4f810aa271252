using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Ensuresec.Waf.Sigma;

/// <summary>
/// One field condition of a selection: a field, its modifiers and its values, compiled once. Plain values and
/// contains/startswith/endswith are case-insensitive unless |cased; '*' and '?' are wildcards ('\' escapes them).
/// </summary>
internal sealed class SigmaValueMatcher
{
    /// <summary>The modifiers this engine implements (Sigma specification v2.1.0, appendix "modifiers").</summary>
    public static readonly IReadOnlyList<string> Supported = ["contains", "startswith", "endswith", "all", "re", "i", "m", "s", "cidr", "exists", "cased", "base64", "base64offset", "windash", "neq", "lt", "lte", "gt", "gte"];

    private readonly Func<string, bool>[] _tests;
    private readonly bool _all;
    private readonly bool _exists;
    private readonly bool? _mustExist;
    private readonly bool _negate;
    private readonly WebField? _field;

    /// <summary>The Sigma field name as written in the rule.</summary>
    public string Field { get; }

    /// <summary>Whether our web events have this field (an unknown one is always absent); keywords ('|all' with no field name) always are.</summary>
    public bool IsMapped => _field is not null || Field.Length == 0;

    /// <summary>
    /// Upper-cased literals of which at least one is in the field's value whenever this matches (the rule index
    /// looks for them); null when no such literal exists (regular expressions, negations, short values...).
    /// </summary>
    public Needles? Needles { get; }

    private SigmaValueMatcher(string field, Func<string, bool>[] tests, bool all, bool? mustExist, bool negate, IReadOnlyList<string>? needles)
    {
        Field = field;
        _field = WebFieldNames.TryResolve(field, out var f) ? f : null;
        _tests = tests;
        _all = all;
        _mustExist = mustExist;
        _exists = mustExist is not null;
        _negate = negate;
        // The method, status and version are in every request: literals there select almost nothing.
        Needles = negate || needles is null ? null : Sigma.Needles.Of(needles, _field is WebField.Method or WebField.Status or WebField.Version);
    }

    /// <summary>Compiles "field|mod1|mod2" with its values; an error names the unsupported modifier or bad value.</summary>
    public static SigmaValueMatcher? Compile(string key, IReadOnlyList<string?> values, out string? error)
    {
        error = null;
        string[] parts = key.Split('|');
        string field = parts[0];
        var mods = parts.Skip(1).Select(m => m.ToLowerInvariant()).ToList();
        foreach (string m in mods)
        {
            if (!Supported.Contains(m))
            {
                error = $"modifier '{m}' is not supported";
                return null;
            }
        }

        // A key with no field name ('|all': [...]) is a keyword search with modifiers: values anywhere in the event.
        if (field.Length == 0 && !mods.Any(m => m is "contains" or "startswith" or "endswith" or "re" or "cidr" or "exists")) mods.Add("contains");
        bool all = mods.Remove("all");
        bool cased = mods.Remove("cased");
        bool negate = mods.Remove("neq");
        if (mods.Remove("exists"))
        {
            bool want = values.Count == 1 && bool.TryParse(values[0], out bool b) ? b : true;
            return new SigmaValueMatcher(field, [], false, want, false, null);
        }

        var tests = new List<Func<string, bool>>();
        var needles = new List<string>();
        bool everyValueHasNeedle = true;
        foreach (string? raw in values)
        {
            if (raw is null)
            {
                tests.Add(v => v.Length == 0);
                everyValueHasNeedle = false;
                continue;
            }

            var candidates = new List<string> { raw };
            if (mods.Contains("windash")) candidates.AddRange(Windash(raw));
            if (mods.Contains("base64offset")) candidates = candidates.SelectMany(Base64Offsets).ToList();
            else if (mods.Contains("base64")) candidates = candidates.Select(c => Convert.ToBase64String(Encoding.UTF8.GetBytes(c))).ToList();
            foreach (string value in candidates)
            {
                var test = Build(value, mods, cased, out error);
                if (test is null) return null;
                tests.Add(test);
                if (PlainPattern(mods) && Needle(value) is { } needle) needles.Add(needle);
                else everyValueHasNeedle = false;
            }
        }

        if (tests.Count == 0)
        {
            error = $"field '{field}' has no values";
            return null;
        }

        // Any value may match, so all need a literal; with |all every value must match, so the longest one suffices.
        IReadOnlyList<string>? index = all && needles.Count > 0 ? [needles.MaxBy(n => n.Length)!]
            : everyValueHasNeedle && needles.Count > 0 ? needles : null;
        return new SigmaValueMatcher(field, [.. tests], all, null, negate, index);
    }

    private static bool PlainPattern(List<string> mods) =>
        !mods.Contains("re") && !mods.Contains("cidr") && !mods.Any(m => m is "lt" or "lte" or "gt" or "gte");

    /// <summary>The longest literal run of a wildcard pattern, upper-cased, if it has at least 3 characters.</summary>
    internal static string? Needle(string pattern)
    {
        string best = string.Empty;
        var run = new StringBuilder();
        for (int i = 0; i <= pattern.Length; i++)
        {
            char c = i < pattern.Length ? pattern[i] : '*';
            if (c == '\\' && i + 1 < pattern.Length && pattern[i + 1] is '*' or '?' or '\\')
            {
                run.Append(char.ToUpperInvariant(pattern[++i]));
                continue;
            }

            if (c is '*' or '?')
            {
                if (run.Length > best.Length) best = run.ToString();
                run.Clear();
                continue;
            }

            run.Append(char.ToUpperInvariant(c));
        }

        return best.Length >= 3 ? best : null;
    }

    private static Func<string, bool>? Build(string value, List<string> mods, bool cased, out string? error)
    {
        error = null;
        var comparison = cased ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        if (mods.Contains("re"))
        {
            var options = RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;
            if (mods.Contains("i")) options |= RegexOptions.IgnoreCase;
            if (mods.Contains("m")) options |= RegexOptions.Multiline;
            if (mods.Contains("s")) options |= RegexOptions.Singleline;
            try
            {
                // Linear in the input without backtracking, so no timeout: a wall-clock one fired on a busy
                // machine while the engine built its states, and turned a match into a detector fault.
                var regex = new Regex(value, options, Regex.InfiniteMatchTimeout);
                return v => regex.IsMatch(v);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException)
            {
                // NonBacktracking refuses backreferences and lookarounds: those rules are reported, not run slowly.
                error = $"regular expression not supported without backtracking: {e.Message}";
                return null;
            }
        }

        if (mods.Contains("cidr"))
        {
            if (!IPNetwork.TryParse(value, out var network))
            {
                error = $"'{value}' is not a CIDR network";
                return null;
            }

            return v => IPAddress.TryParse(v, out var ip) && network.Contains(ip);
        }

        foreach (string op in new[] { "lt", "lte", "gt", "gte" })
        {
            if (!mods.Contains(op)) continue;
            if (!double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out double limit))
            {
                error = $"'{value}' is not a number for |{op}";
                return null;
            }

            return v => double.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out double x) && op switch
            {
                "lt" => x < limit,
                "lte" => x <= limit,
                "gt" => x > limit,
                _ => x >= limit,
            };
        }

        string pattern = value;
        if (mods.Contains("contains")) pattern = "*" + pattern + "*";
        else if (mods.Contains("startswith")) pattern += "*";
        else if (mods.Contains("endswith")) pattern = "*" + pattern;
        return Wildcard.Compile(pattern, comparison);
    }

    private static IEnumerable<string> Windash(string value)
    {
        foreach (char dash in new[] { '/', '–', '—', '―' })
        {
            if (value.Contains('-', StringComparison.Ordinal)) yield return value.Replace('-', dash);
        }
    }

    /// <summary>The three base64 forms of a value at each byte offset, trimmed to the characters the value alone decides.</summary>
    private static IEnumerable<string> Base64Offsets(string value)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(value);
        for (int pad = 0; pad < 3; pad++)
        {
            byte[] padded = new byte[pad + bytes.Length];
            bytes.CopyTo(padded, pad);
            string encoded = Convert.ToBase64String(padded);
            int start = pad switch { 0 => 0, 1 => 2, _ => 3 };
            int end = encoded.Length - (((pad + bytes.Length) % 3) switch { 0 => 0, 1 => 3, _ => 2 });
            if (end > start) yield return encoded[start..end];
        }
    }

    /// <summary>Whether the event's value of the field satisfies this; <paramref name="value"/> is that value (evidence).</summary>
    public bool Matches(WebFieldValues fields, out string? value)
    {
        if (Field.Length == 0) return MatchesKeywords(fields, out value);
        value = _field is { } f ? fields[f] : null;
        if (_exists) return (value is not null) == _mustExist;
        if (value is null) return _negate;
        bool result;
        if (_all)
        {
            result = true;
            foreach (var t in _tests) result &= t(value);
        }
        else
        {
            result = false;
            foreach (var t in _tests)
            {
                if (!t(value)) continue;
                result = true;
                break;
            }
        }

        return _negate ? !result : result;
    }

    // With |all every value must be somewhere in the event (not necessarily in the same field).
    private bool MatchesKeywords(WebFieldValues fields, out string? value)
    {
        value = null;
        bool result = _all;
        foreach (var t in _tests)
        {
            string? hit = null;
            foreach (string text in fields.Texts())
            {
                if (!t(text)) continue;
                hit = text;
                break;
            }

            value ??= hit;
            if (_all && hit is null) return _negate;
            if (!_all && hit is not null)
            {
                result = true;
                break;
            }
        }

        return _negate ? !result : result;
    }
}
