using System.Text;

namespace Ensuresec.Response.Execution;

/// <summary>CACAO variable references: <c>__name__:value</c> in command text is replaced by the variable's value.</summary>
internal static class Variables
{
    public static string Substitute(string text, IReadOnlyDictionary<string, string> values) => Substitute(text, values, static v => v);

    public static string Substitute(string text, IReadOnlyDictionary<string, string> values, Func<string, string> escape)
    {
        if (!text.Contains("__", StringComparison.Ordinal)) return text;
        var sb = new StringBuilder(text);
        // Longest names first, so __ip__ does not eat the start of __ip__list__.
        foreach (var (name, value) in values.OrderByDescending(v => v.Key.Length))
            sb.Replace(name + ":value", escape(value));
        return sb.ToString();
    }
}
