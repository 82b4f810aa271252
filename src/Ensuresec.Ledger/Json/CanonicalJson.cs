using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Ensuresec.Ledger.Json;

/// <summary>
/// RFC 8785 JSON Canonicalization Scheme: object members sorted by their UTF-16 code units, no whitespace, strings
/// escaped as ECMAScript's JSON.stringify does, numbers in ECMAScript's shortest form. Anyone can recompute a
/// canonical entry from its content and get the same bytes, hence the same leaf hash.
/// </summary>
internal static class CanonicalJson
{
    public const int MaxDepth = 64;

    /// <summary>Canonicalizes JSON text; an error names the problem (invalid JSON, duplicate names, lone surrogates, non-finite numbers).</summary>
    public static Parsed<byte[]> Canonicalize(ReadOnlySpan<byte> json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = MaxDepth });
            return Canonicalize(doc.RootElement);
        }
        catch (JsonException ex)
        {
            return Parsed<byte[]>.Fail("invalid JSON: " + ex.Message);
        }
    }

    public static Parsed<byte[]> Canonicalize(JsonElement element)
    {
        var sb = new StringBuilder();
        string? error;
        try
        {
            error = Write(sb, element, "$");
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json refuses to unescape a lone surrogate (\ud800); I-JSON forbids them too.
            error = "a string holds a lone surrogate";
        }

        return error is null ? Parsed<byte[]>.Success(Encoding.UTF8.GetBytes(sb.ToString())) : Parsed<byte[]>.Fail(error);
    }

    private static string? Write(StringBuilder sb, JsonElement e, string path)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                {
                    var members = e.EnumerateObject().Select(p => (Name: p.Name, Value: p.Value)).ToList();
                    members.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
                    sb.Append('{');
                    for (int i = 0; i < members.Count; i++)
                    {
                        if (i > 0 && string.Equals(members[i].Name, members[i - 1].Name, StringComparison.Ordinal)) return $"{path}: duplicate member name \"{members[i].Name}\"";
                        if (i > 0) sb.Append(',');
                        if (WriteString(sb, members[i].Name) is { } bad) return $"{path}: {bad}";
                        sb.Append(':');
                        if (Write(sb, members[i].Value, path + "." + members[i].Name) is { } inner) return inner;
                    }

                    sb.Append('}');
                    return null;
                }

            case JsonValueKind.Array:
                {
                    sb.Append('[');
                    int i = 0;
                    foreach (var item in e.EnumerateArray())
                    {
                        if (i > 0) sb.Append(',');
                        if (Write(sb, item, path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]") is { } inner) return inner;
                        i++;
                    }

                    sb.Append(']');
                    return null;
                }

            case JsonValueKind.String:
                return WriteString(sb, e.GetString()!) is { } error ? $"{path}: {error}" : null;
            case JsonValueKind.Number:
                if (!e.TryGetDouble(out double d) || !double.IsFinite(d)) return $"{path}: the number is outside the range of IEEE 754 doubles";
                sb.Append(FormatNumber(d));
                return null;
            case JsonValueKind.True:
                sb.Append("true");
                return null;
            case JsonValueKind.False:
                sb.Append("false");
                return null;
            case JsonValueKind.Null:
                sb.Append("null");
                return null;
            default:
                return $"{path}: unsupported JSON value";
        }
    }

    private static string? WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1])) return "lone surrogate in a string";
                sb.Append(c).Append(s[++i]);
                continue;
            }

            if (char.IsLowSurrogate(c)) return "lone surrogate in a string";
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }

        sb.Append('"');
        return null;
    }

    /// <summary>ECMAScript Number.prototype.toString for a finite double (RFC 8785 §3.2.2.3).</summary>
    public static string FormatNumber(double value)
    {
        if (value == 0) return "0";
        string r = value.ToString("R", CultureInfo.InvariantCulture);
        bool negative = r[0] == '-';
        if (negative) r = r[1..];
        int exponent = 0;
        int e = r.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(r[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            r = r[..e];
        }

        int dot = r.IndexOf('.', StringComparison.Ordinal);
        string digits = dot < 0 ? r : r[..dot] + r[(dot + 1)..];
        int pointAt = (dot < 0 ? r.Length : dot) + exponent;
        int leading = 0;
        while (leading < digits.Length - 1 && digits[leading] == '0') leading++;
        digits = digits[leading..];
        pointAt -= leading;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0) return "0";
        int k = digits.Length;
        int n = pointAt;
        string text;
        if (k <= n && n <= 21) text = digits + new string('0', n - k);
        else if (0 < n && n <= 21) text = digits[..n] + "." + digits[n..];
        else if (-6 < n && n <= 0) text = "0." + new string('0', -n) + digits;
        else
        {
            int exp = n - 1;
            text = digits[..1] + (k > 1 ? "." + digits[1..] : string.Empty) + "e" + (exp >= 0 ? "+" : "-") + Math.Abs(exp).ToString(CultureInfo.InvariantCulture);
        }

        return negative ? "-" + text : text;
    }
}
