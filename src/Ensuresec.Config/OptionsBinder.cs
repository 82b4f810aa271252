using System.Collections;
using System.Globalization;
using System.Reflection;
using YamlDotNet.RepresentationModel;

namespace Ensuresec.Config;

/// <summary>
/// Binds a YAML mapping onto an options object by matching keys to property names (request-flood,
/// request_flood and RequestFlood are the same key). Options types declare their defaults, so a key left
/// out keeps its default. Every unknown key and bad value becomes an error naming the key path and line;
/// binding goes on so that one run reports them all.
/// </summary>
internal static class OptionsBinder
{
    public static void Bind(object target, YamlMappingNode node, string path, string file, List<ConfigError> errors)
    {
        var properties = target.GetType()
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetIndexParameters().Length == 0)
            .ToDictionary(p => Normalise(p.Name), StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in node.Children)
        {
            string key = (keyNode as YamlScalarNode)?.Value ?? "";
            string keyPath = path.Length == 0 ? key : $"{path}.{key}";
            if (!properties.TryGetValue(Normalise(key), out var property))
            {
                string known = string.Join(", ", properties.Values.Select(p => OptionsWriter.Kebab(p.Name)).Order(StringComparer.Ordinal));
                errors.Add(new ConfigError(file, keyPath, Line(keyNode), $"unknown key (known here: {known})"));
                continue;
            }

            if (TryConvert(property.PropertyType, property.GetValue(target), valueNode, keyPath, file, errors, out object? value))
            {
                property.SetValue(target, value);
            }
        }
    }

    public static int Line(YamlNode node) => node.Start.Line > int.MaxValue ? 0 : (int)node.Start.Line;

    private static string Normalise(string name) => name.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();

    private static bool TryConvert(Type type, object? current, YamlNode node, string keyPath, string file, List<ConfigError> errors, out object? value)
    {
        value = null;
        Type underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (IsScalarType(underlying))
        {
            if (node is not YamlScalarNode scalar)
            {
                errors.Add(new ConfigError(file, keyPath, Line(node), $"expected a single value ({Describe(underlying)})"));
                return false;
            }

            if (TryParseScalar(underlying, scalar.Value ?? "", out value)) return true;
            errors.Add(new ConfigError(file, keyPath, Line(node), $"'{Shorten(scalar.Value)}' is not {Describe(underlying)}"));
            return false;
        }

        if (underlying != typeof(string) && typeof(IEnumerable).IsAssignableFrom(underlying))
        {
            return TryConvertList(underlying, node, keyPath, file, errors, out value);
        }

        if (node is not YamlMappingNode mapping)
        {
            errors.Add(new ConfigError(file, keyPath, Line(node), "expected a mapping of keys"));
            return false;
        }

        object target = current ?? Activator.CreateInstance(underlying)
            ?? throw new InvalidOperationException($"{underlying} needs a public parameterless constructor to be configurable");
        Bind(target, mapping, keyPath, file, errors);
        value = target;
        return true;
    }

    private static bool TryConvertList(Type type, YamlNode node, string keyPath, string file, List<ConfigError> errors, out object? value)
    {
        value = null;
        Type element = type.IsArray ? type.GetElementType()! : type.GetGenericArguments().FirstOrDefault() ?? typeof(string);
        if (node is not YamlSequenceNode sequence)
        {
            errors.Add(new ConfigError(file, keyPath, Line(node), "expected a list"));
            return false;
        }

        var items = Array.CreateInstance(element, sequence.Children.Count);
        bool ok = true;
        for (int i = 0; i < sequence.Children.Count; i++)
        {
            if (TryConvert(element, null, sequence.Children[i], $"{keyPath}[{i}]", file, errors, out object? item)) items.SetValue(item, i);
            else ok = false;
        }

        if (!ok) return false;
        if (type.IsAssignableFrom(items.GetType()))
        {
            value = items;
            return true;
        }

        // HashSet<T>, List<T> and friends take an IEnumerable<T> in their constructor.
        value = Activator.CreateInstance(type, items);
        return true;
    }

    private static bool IsScalarType(Type t) =>
        t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(TimeSpan);

    private static bool TryParseScalar(Type t, string text, out object? value)
    {
        value = null;
        var inv = CultureInfo.InvariantCulture;
        bool ok;
        // Type.GetTypeCode of an enum is its underlying integer type, so enums go first; numbers are not names.
        if (t.IsEnum)
        {
            string name = text.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
            return Enum.TryParse(t, name, ignoreCase: true, out value) && !int.TryParse(text, out _);
        }

        switch (Type.GetTypeCode(t))
        {
            case TypeCode.String: value = text; return true;
            case TypeCode.Boolean: ok = bool.TryParse(text, out bool b); value = b; return ok;
            case TypeCode.Int32: ok = int.TryParse(text, NumberStyles.Integer, inv, out int i); value = i; return ok;
            case TypeCode.Int64: ok = long.TryParse(text, NumberStyles.Integer, inv, out long l); value = l; return ok;
            case TypeCode.Double: ok = double.TryParse(text, NumberStyles.Float, inv, out double d) && double.IsFinite(d); value = d; return ok;
            case TypeCode.Decimal: ok = decimal.TryParse(text, NumberStyles.Number, inv, out decimal m); value = m; return ok;
        }

        if (t == typeof(TimeSpan))
        {
            ok = Durations.TryParse(text, out var span);
            value = span;
            return ok;
        }

        return false;
    }

    private static string Describe(Type t) => t switch
    {
        _ when t == typeof(bool) => "true or false",
        _ when t == typeof(int) || t == typeof(long) => "a whole number",
        _ when t == typeof(double) || t == typeof(decimal) => "a number",
        _ when t == typeof(TimeSpan) => "a duration such as 30s, 5m, 1h or 7d",
        _ when t.IsEnum => $"one of {string.Join(", ", Enum.GetNames(t).Select(n => n.ToLowerInvariant()))}",
        _ => "text",
    };

    private static string Shorten(string? s) => s is null ? "" : s.Length <= 60 ? s : s[..60] + "...";
}
