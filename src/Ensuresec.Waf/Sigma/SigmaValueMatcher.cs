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

    public string Field { get; }

    private SigmaValueMatcher(string field, Func<string, bool>[] tests, bool all, bool? mustExist, bool negate)
    {
        Field = field;
        _tests = tests;
        _all = all;
        _mustExist = mustExist;
        _exists = mustExist is not null;
        _negate = negate;
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

        bool all = mods.Remove("all");
        bool cased = mods.Remove("cased");
        bool negate = mods.Remove("neq");
        if (mods.Remove("exists"))
        {
            bool want = values.Count == 1 && bool.TryParse(values[0], out bool b) ? b : true;
            return new SigmaValueMatcher(field, [], false, want, false);
        }

        var tests = new List<Func<string, bool>>();
        foreach (string? raw in values)
        {
            if (raw is null)
            {
                tests.Add(v => v.Length == 0);
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
            }
        }

        if (tests.Count == 0)
        {
            error = $"field '{field}' has no values";
            return null;
        }

        return new SigmaValueMatcher(field, [.. tests], all, null, negate);
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
                var regex = new Regex(value, options, TimeSpan.FromMilliseconds(100));
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

    public bool Matches(Func<string, string?> fields)
    {
        string? value = fields(Field);
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
}
