using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace Ensuresec.Config;

/// <summary>
/// Writes an options object as the YAML <see cref="OptionsBinder"/> reads (kebab-case keys), so that
/// `ensuresec config show` prints every key with its effective value, and what it prints loads back unchanged.
/// </summary>
public static class OptionsWriter
{
    public static string ToYaml(object options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sb = new StringBuilder();
        WriteObject(sb, options, 0);
        return sb.ToString();
    }

    private static void WriteObject(StringBuilder sb, object target, int indent)
    {
        foreach (var p in Properties(target.GetType()))
        {
            object? value = p.GetValue(target);
            string pad = new(' ', indent * 2);
            string key = Kebab(p.Name);
            if (value is null) continue;
            if (IsScalar(value.GetType()))
            {
                sb.Append(pad).Append(key).Append(": ").Append(Scalar(value)).Append('\n');
            }
            else if (value is IEnumerable list)
            {
                var items = list.Cast<object>().Select(Scalar);
                sb.Append(pad).Append(key).Append(": [").Append(string.Join(", ", items)).Append("]\n");
            }
            else
            {
                sb.Append(pad).Append(key).Append(":\n");
                WriteObject(sb, value, indent + 1);
            }
        }
    }

    /// <summary>The properties the binder can set: public, writable, not indexers.</summary>
    internal static IEnumerable<PropertyInfo> Properties(Type t) =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetIndexParameters().Length == 0 && p.GetMethod is { IsPublic: true });

    private static bool IsScalar(Type t) => t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(TimeSpan);

    private static string Scalar(object value) => value switch
    {
        string s => Quote(s),
        bool b => b ? "true" : "false",
        TimeSpan span => Durations.Format(span),
        Enum e => Kebab(e.ToString()),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Quote(value.ToString() ?? ""),
    };

    // Double quotes with backslash escapes are YAML's JSON-compatible form: safe for any text.
    private static string Quote(string s) => System.Text.Json.JsonSerializer.Serialize(s);

    internal static string Kebab(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('-');
            sb.Append(char.ToLowerInvariant(name[i]));
        }

        return sb.ToString();
    }
}
