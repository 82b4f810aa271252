using Ensuresec.Core.Events;

namespace Ensuresec.Waf.Sigma;

/// <summary>Sigma web field values of an event by name (see <see cref="WebFieldNames"/> for the mapping).</summary>
public static class WebEventFields
{
    public static string? Get(SecurityEvent e, string field) =>
        WebFieldNames.TryResolve(field, out var f) ? WebFieldValues.From(e)[f] : null;

    /// <summary>The values keyword searches look in.</summary>
    public static IReadOnlyList<string> All(SecurityEvent e) => [.. WebFieldValues.From(e).Texts()];
}
