using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ensuresec.JsonSchema;

/// <summary>Keywords on any value: type, enum, const, and those for numbers and strings.</summary>
internal sealed partial class Evaluator
{
    private static readonly ConcurrentDictionary<string, Regex?> Patterns = new(StringComparer.Ordinal);

    private void Values(Context ctx)
    {
        var schema = ctx.Node.Element;
        var instance = ctx.Instance;
        if (schema.TryGetProperty("type", out var type)) Type(ctx, type);
        if (schema.TryGetProperty("enum", out var allowed) && allowed.ValueKind == JsonValueKind.Array
            && !allowed.EnumerateArray().Any(a => JsonValues.DeepEquals(a, instance)))
        {
            var shown = allowed.EnumerateArray().Take(12).Select(JsonValues.Show).ToList();
            string list = allowed.GetArrayLength() == 1 ? shown[0] : "one of " + string.Join(", ", shown) + (allowed.GetArrayLength() > 12 ? ", ..." : "");
            ctx.Outcome.Fail(ctx.InstancePath, ctx.KeywordPath + "/enum", $"value {JsonValues.Show(instance)} is not allowed: value must be {list}");
        }

        if (schema.TryGetProperty("const", out var constant) && !JsonValues.DeepEquals(constant, instance))
            ctx.Outcome.Fail(ctx.InstancePath, ctx.KeywordPath + "/const", $"value must be {JsonValues.Show(constant)}");
        if (instance.ValueKind == JsonValueKind.Number) Numbers(ctx);
        if (instance.ValueKind == JsonValueKind.String) Strings(ctx);
    }

    private static void Type(Context ctx, JsonElement type)
    {
        bool Matches(string name) => name switch
        {
            "integer" => JsonValues.IsInteger(ctx.Instance),
            "number" => ctx.Instance.ValueKind == JsonValueKind.Number,
            _ => string.Equals(name, JsonValues.KindName(ctx.Instance) is "integer" ? "number" : JsonValues.KindName(ctx.Instance), StringComparison.Ordinal),
        };

        var names = type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList()
            : type.ValueKind == JsonValueKind.String ? [type.GetString()!] : [];
        if (!names.Any(Matches))
            ctx.Outcome.Fail(ctx.InstancePath, ctx.KeywordPath + "/type", $"expected {string.Join(" or ", names)}, found {JsonValues.KindName(ctx.Instance)}");
    }

    private static void Numbers(Context ctx)
    {
        var schema = ctx.Node.Element;
        var value = ctx.Instance;
        if (schema.TryGetProperty("multipleOf", out var m) && m.ValueKind == JsonValueKind.Number && !JsonValues.IsMultipleOf(value, m))
            ctx.Outcome.Fail(ctx.InstancePath, ctx.KeywordPath + "/multipleOf", $"{value.GetRawText()} is not a multiple of {m.GetRawText()}");
        Bound(ctx, "maximum", c => c <= 0, "at most");
        Bound(ctx, "exclusiveMaximum", c => c < 0, "less than");
        Bound(ctx, "minimum", c => c >= 0, "at least");
        Bound(ctx, "exclusiveMinimum", c => c > 0, "greater than");
    }

    private static void Bound(Context ctx, string keyword, Func<int, bool> holds, string phrase)
    {
        if (ctx.Node.Element.TryGetProperty(keyword, out var limit) && limit.ValueKind == JsonValueKind.Number && !holds(JsonValues.CompareNumbers(ctx.Instance, limit)))
            ctx.Outcome.Fail(ctx.InstancePath, ctx.KeywordPath + "/" + keyword, $"{ctx.Instance.GetRawText()} must be {phrase} {limit.GetRawText()}");
    }

    private void Strings(Context ctx)
    {
        var schema = ctx.Node.Element;
        string text = ctx.Instance.GetString()!;
        int length = -1;
        int Length() => length >= 0 ? length : length = text.EnumerateRunes().Count();
        if (schema.TryGetProperty("maxLength", out var max) && JsonValues.TryCount(max, out long maxLength) && Length() > maxLength)
            ctx.Outcome.Fail(ctx.InstancePath, ctx.KeywordPath + "/maxLength", $"string of {Length()} characters is longer than {maxLength}");
        if (schema.TryGetProperty("minLength", out var min) && JsonValues.TryCount(min, out long minLength) && Length() < minLength)
            ctx.Outcome.Fail(ctx.InstancePath, ctx.KeywordPath + "/minLength", $"string of {Length()} characters is shorter than {minLength}");
        if (schema.TryGetProperty("pattern", out var pattern) && pattern.ValueKind == JsonValueKind.String)
        {
            string source = pattern.GetString()!;
            var regex = Compile(source);
            if (regex is null) ctx.Outcome.Fail(ctx.InstancePath, ctx.KeywordPath + "/pattern", $"invalid schema: pattern '{source}' is not a regular expression");
            else if (!Matches(regex, text)) ctx.Outcome.Fail(ctx.InstancePath, ctx.KeywordPath + "/pattern", $"{JsonValues.Show(ctx.Instance)} does not match pattern '{source}'");
        }

        if (_options.AssertFormat && schema.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.String
            && !Formats.IsValid(format.GetString()!, text))
        {
            ctx.Outcome.Fail(ctx.InstancePath, ctx.KeywordPath + "/format", $"{JsonValues.Show(ctx.Instance)} is not a valid {format.GetString()}");
        }
    }

    /// <summary>A cached regex with a match timeout (patterns come from schemas, inputs from outside), or null when the pattern does not compile.</summary>
    internal static Regex? Compile(string pattern) => Patterns.GetOrAdd(pattern, static p =>
    {
        try
        {
            return new Regex(EcmaPatterns.ToDotNet(p), RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200));
        }
        catch (ArgumentException)
        {
            return null;
        }
    });

    /// <summary>A match that takes too long counts as a mismatch rather than hanging validation.</summary>
    internal static bool Matches(Regex regex, string text)
    {
        try
        {
            return regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static string Count(long n) => n.ToString(CultureInfo.InvariantCulture);
}
