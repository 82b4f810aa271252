using System.Globalization;
using System.Text.Json;
using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;

namespace Ensuresec.Core.Json;

/// <summary>
/// Reads the fields of one JSON object and remembers the first problem, so that a reader can ask for every
/// field in turn and check once at the end. Input is never trusted: wrong kinds are errors, not exceptions.
/// </summary>
internal sealed class JsonFieldReader(JsonElement obj, string path)
{
    public string? Error { get; private set; }

    public bool IsObject => obj.ValueKind == JsonValueKind.Object;

    public string String(string name)
    {
        if (!TryGet(name, out var v)) return string.Empty;
        if (v.ValueKind == JsonValueKind.String) return v.GetString()!;
        Fail(name, "must be a string");
        return string.Empty;
    }

    public double Number(string name)
    {
        if (!TryGet(name, out var v)) return 0;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out double d) && double.IsFinite(d)) return d;
        Fail(name, "must be a finite number");
        return 0;
    }

    public int Int(string name)
    {
        if (!TryGet(name, out var v)) return 0;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int i) && i >= 0) return i;
        Fail(name, "must be a non-negative 32-bit integer");
        return 0;
    }

    public DateTimeOffset Time(string name)
    {
        if (!TryGet(name, out var v)) return default;
        if (v.ValueKind == JsonValueKind.String && v.TryGetDateTimeOffset(out var t)) return t;
        Fail(name, "must be an ISO 8601 date-time string");
        return default;
    }

    public Severity SeverityField(string name)
    {
        string text = String(name);
        if (Error is not null) return Severity.Info;
        if (SeverityNames.TryParse(text, out var s)) return s;
        Fail(name, "must be one of info, low, medium, high, critical");
        return Severity.Info;
    }

    public IReadOnlyList<string> Strings(string name)
    {
        if (!TryGet(name, out var v)) return [];
        if (v.ValueKind != JsonValueKind.Array)
        {
            Fail(name, "must be an array of strings");
            return [];
        }

        var list = new List<string>(v.GetArrayLength());
        int i = 0;
        foreach (var item in v.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                Fail(string.Create(CultureInfo.InvariantCulture, $"{name}[{i}]"), "must be a string");
                return [];
            }

            list.Add(item.GetString()!);
            i++;
        }

        return list;
    }

    public IReadOnlyList<Entity> Entities(string name)
    {
        if (!TryGet(name, out var v)) return [];
        if (v.ValueKind != JsonValueKind.Array)
        {
            Fail(name, "must be an array of {kind, value} objects");
            return [];
        }

        var list = new List<Entity>(v.GetArrayLength());
        int i = 0;
        foreach (var item in v.EnumerateArray())
        {
            var inner = new JsonFieldReader(item, string.Create(CultureInfo.InvariantCulture, $"{Prefix}{name}[{i}]"));
            if (!inner.IsObject)
            {
                Fail(string.Create(CultureInfo.InvariantCulture, $"{name}[{i}]"), "must be an object");
                return [];
            }

            var entity = new Entity(inner.String("kind"), inner.String("value"));
            if (inner.Error is not null)
            {
                Error = inner.Error;
                return [];
            }

            list.Add(entity);
            i++;
        }

        return list;
    }

    /// <summary>Lets a nested reader (e.g. for story steps) report through this one.</summary>
    public JsonFieldReader Nested(JsonElement element, string name, int index) =>
        new(element, string.Create(CultureInfo.InvariantCulture, $"{Prefix}{name}[{index}]"));

    public bool TryGetArray(string name, out JsonElement array)
    {
        if (!TryGet(name, out array)) return false;
        if (array.ValueKind == JsonValueKind.Array) return true;
        Fail(name, "must be an array");
        return false;
    }

    public void Adopt(string? error) => Error ??= error;

    private string Prefix => path.Length == 0 ? string.Empty : path + ".";

    private bool TryGet(string name, out JsonElement value)
    {
        value = default;
        if (Error is not null) return false;
        if (obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out value)) return true;
        Fail(name, "missing");
        return false;
    }

    private void Fail(string name, string reason) => Error ??= $"{Prefix}{name}: {reason}";
}
