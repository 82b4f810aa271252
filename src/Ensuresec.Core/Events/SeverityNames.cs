namespace Ensuresec.Core.Events;

/// <summary>The lower-case wire names of <see cref="Severity"/> (info, low, medium, high, critical).</summary>
public static class SeverityNames
{
    public static string ToName(this Severity severity) => severity switch
    {
        Severity.Info => "info",
        Severity.Low => "low",
        Severity.Medium => "medium",
        Severity.High => "high",
        Severity.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, null),
    };

    /// <summary>Parses a wire name, case-insensitively; false for anything else.</summary>
    public static bool TryParse(string? text, out Severity severity)
    {
        severity = Severity.Info;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "info": severity = Severity.Info; return true;
            case "low": severity = Severity.Low; return true;
            case "medium": severity = Severity.Medium; return true;
            case "high": severity = Severity.High; return true;
            case "critical": severity = Severity.Critical; return true;
            default: return false;
        }
    }

    public static Severity Max(Severity a, Severity b) => a >= b ? a : b;

    public static Severity Raise(Severity s, int steps = 1) => (Severity)Math.Min((int)Severity.Critical, (int)s + steps);
}
