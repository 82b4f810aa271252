using Ensuresec.Detection.Common;

namespace Ensuresec.Detection.Takeover;

/// <summary>A successful login that did not look like the account's owner; sensitive changes after it are collected.</summary>
internal sealed class SuspiciousLogin
{
    public required DateTimeOffset At { get; init; }

    public required string Address { get; init; }

    public string? Network { get; init; }

    public string? UserAgent { get; init; }

    public int FailuresBefore { get; init; }

    public bool NewNetwork { get; init; }

    public required Evidence Evidence { get; init; }

    public SortedSet<string> Changes { get; } = new(StringComparer.Ordinal);

    public HashSet<string> ChangeAddresses { get; } = new(StringComparer.Ordinal);

    public List<string> NewCards { get; } = [];
}
