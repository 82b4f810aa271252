using Ensuresec.Detection.Common;

namespace Ensuresec.Detection.Takeover;

/// <summary>What one account's history says is normal for it, and the suspicious login being watched, if any.</summary>
internal sealed class AccountProfile(int capacity)
{
    public RecentSet Networks { get; } = new(capacity);

    public RecentSet Agents { get; } = new(capacity);

    public RecentSet Cards { get; } = new(capacity);

    /// <summary>Every network a login succeeded from, trusted or not, with when it first appeared.</summary>
    public RecentSet LoginNetworks { get; } = new(capacity);

    /// <summary>Sensitive changes of the last hours (kind, network, time, event), for the profile-hijack pattern.</summary>
    public List<(string Kind, string? Address, DateTimeOffset At, string EventId)> RecentChanges { get; } = new(2);

    public int SuccessfulLogins { get; set; }

    public DateTimeOffset LastSeen { get; set; }

    /// <summary>Failed logins since the last success.</summary>
    public int FailureRun { get; set; }

    public DateTimeOffset FailureRunStart { get; set; }

    public HashSet<string> FailureAddresses { get; } = new(StringComparer.Ordinal);

    public Evidence FailureEvidence { get; } = new();

    public SuspiciousLogin? Pending { get; set; }

    public RuleGate TakeoverGate;
    public RuleGate LoginGate;
    public RuleGate HijackGate;

    public void ResetFailures()
    {
        FailureRun = 0;
        FailureAddresses.Clear();
        FailureEvidence.Clear();
    }
}
