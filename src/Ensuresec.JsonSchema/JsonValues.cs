using System.Text.Json;

namespace Ensuresec.JsonSchema;

/// <summary>JSON value helpers with JSON Schema's meanings: 1 and 1.0 are equal, object key order does not matter.</summary>
internal static class JsonValues
{
    public static string KindName(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => IsInteger(e) ? "integer" : "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    /// <summary>A count keyword's value (minLength, maxItems, ...): a non-negative integer, 2.0 included.</summary>
    public static bool TryCount(JsonElement e, out long count)
    {
        count = 0;
        if (e.ValueKind != JsonValueKind.Number || !IsInteger(e)) return false;
        if (e.TryGetInt64(out count)) return count >= 0;
        if (e.TryGetDecimal(out decimal d) && d >= long.MinValue && d <= long.MaxValue)
        {
            count = (long)d;
            return count >= 0;
        }

        count = e.GetDouble() > 0 ? long.MaxValue : 0;
        return true;
    }

    public static bool IsInteger(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Number) return false;
        if (e.TryGetDecimal(out decimal d)) return decimal.Truncate(d) == d;
        double x = e.GetDouble();
        return double.IsFinite(x) && Math.Floor(x) == x;
    }

    /// <summary>Compares two JSON numbers exactly when both fit a decimal, else as doubles.</summary>
    public static int CompareNumbers(JsonElement a, JsonElement b)
    {
        if (a.TryGetDecimal(out decimal x) && b.TryGetDecimal(out decimal y)) return x.CompareTo(y);
        return a.GetDouble().CompareTo(b.GetDouble());
    }

    public static bool IsMultipleOf(JsonElement value, JsonElement divisor)
    {
        if (value.TryGetDecimal(out decimal v) && divisor.TryGetDecimal(out decimal d) && d != 0)
        {
            try
            {
                return v % d == 0;
            }
            catch (OverflowException)
            {
                // falls through to doubles
            }
        }

        double q = value.GetDouble() / divisor.GetDouble();
        return double.IsFinite(q) && Math.Floor(q) == q;
    }

    public static bool DeepEquals(JsonElement a, JsonElement b)
    {
        if (a.ValueKind == JsonValueKind.Number && b.ValueKind == JsonValueKind.Number) return CompareNumbers(a, b) == 0;
        if (a.ValueKind != b.ValueKind) return false;
        switch (a.ValueKind)
        {
            case JsonValueKind.String:
                return a.ValueEquals(b.GetString());
            case JsonValueKind.Array:
                if (a.GetArrayLength() != b.GetArrayLength()) return false;
                using (var ea = a.EnumerateArray().GetEnumerator())
                using (var eb = b.EnumerateArray().GetEnumerator())
                {
                    while (ea.MoveNext() && eb.MoveNext())
                    {
                        if (!DeepEquals(ea.Current, eb.Current)) return false;
                    }
                }

                return true;
            case JsonValueKind.Object:
                int count = 0;
                foreach (var p in a.EnumerateObject())
                {
                    count++;
                    if (!b.TryGetProperty(p.Name, out var other) || !DeepEquals(p.Value, other)) return false;
                }

                foreach (var _ in b.EnumerateObject()) count--;
                return count == 0;
            default:
                return true;
        }
    }

    /// <summary>A short rendering of a value for messages (long strings and containers cut).</summary>
    public static string Show(JsonElement e)
    {
        string text = e.ValueKind == JsonValueKind.String ? "'" + e.GetString() + "'" : e.GetRawText();
        return text.Length <= 60 ? text : text[..57] + "...";
    }

    public static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
