namespace Ensuresec.Core.Events;

/// <summary>How bad a finding or incident is. Ordered: a higher value is worse.</summary>
public enum Severity
{
    Info = 0,
    Low = 1,
    Medium = 2,
    High = 3,
    Critical = 4,
}
