using Ensuresec.Core.Events;

namespace Ensuresec.Workflows.Monitoring;

/// <summary>
/// Reads an event field named by its ECS or domain path: the mapped properties (event.outcome, user.name,
/// payment.amount, ...) and anything else from <see cref="SecurityEvent.Extra"/>. Values are strings, decimals
/// or booleans; null when missing or of another type.
/// </summary>
internal static class EventFields
{
    public static object? Read(SecurityEvent e, string field) => field switch
    {
        "event.id" => e.Id,
        "event.action" => e.Action,
        "event.outcome" => e.Outcome,
        "event.kind" => e.Kind,
        "event.category" => e.Category,
        "event.dataset" => e.Dataset,
        "source.ip" => e.SourceIp,
        "user.name" => e.UserName,
        "user.email" => e.UserEmail,
        "payment.amount" => e.PaymentAmount,
        "payment.currency" => e.PaymentCurrency,
        "payment.card.fingerprint" => e.CardFingerprint,
        _ => (object?)e.GetString(field) ?? (object?)e.GetDecimal(field) ?? e.GetBool(field),
    };

    /// <summary>
    /// The field as a value of a parameter's type: a number for integers (a decimal, or a numeric string), text
    /// for enums (numbers in invariant culture), a JSON boolean for booleans; null when it does not fit.
    /// </summary>
    public static object? ReadAs(SecurityEvent e, string field, Model.ValueKind kind) => kind switch
    {
        Model.ValueKind.Int => field == "payment.amount" ? e.PaymentAmount : e.GetDecimal(field),
        Model.ValueKind.Bool => e.GetBool(field),
        _ => ReadText(e, field),
    };

    /// <summary>The field as text (numbers in invariant culture), or null.</summary>
    public static string? ReadText(SecurityEvent e, string field) => Read(e, field) switch
    {
        null => null,
        string s => s,
        decimal d => d.ToString(System.Globalization.CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        var other => other.ToString(),
    };
}
