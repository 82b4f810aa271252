using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Pipeline;
using Ensuresec.Detection.Common;

namespace Ensuresec.Detection.Credentials;

/// <summary>
/// Site-wide view of failed logins, for stuffing spread so thin over a botnet that no address and no account
/// stands out. A customer who mistypes logs in a minute later; a leaked-list attempt stays an orphan: a failed
/// account with no success soon after. Reported: many orphans from many addresses, making up a share of all login
/// attempts well above the share learned for the site. A share (not a count) keeps a slow attack that was running
/// from the start from becoming the baseline, and follows the day's traffic curve by itself. The last
/// <see cref="CredentialStuffingOptions.SiteRecentWindow"/> must be above the threshold too: the window remembers an
/// attack for hours after it stopped, and a report made then would name the day's ordinary failures (seen on
/// held-out demo seeds, 1.5-5.6 h after a slow campaign had ended).
/// </summary>
internal sealed class SiteFailures(CredentialStuffingOptions o)
{
    private const int MaxNamed = 5;
    private const int MinLoginsToLearn = 20;
    private readonly Dictionary<string, (DateTimeOffset At, string Ip, string EventId)> _open = new(StringComparer.Ordinal);
    private readonly Queue<(string User, DateTimeOffset At)> _openOrder = new();
    private readonly SlidingWindow _orphans = new(o.SiteWindow, o.MaxEntriesPerKey);
    private readonly Queue<string> _recentAccounts = new();
    private readonly Queue<(long Hour, int Logins)> _logins = new();
    private readonly LinkedList<(long Minute, int Count)> _recentLogins = new();
    private readonly LinkedList<(long Minute, int Count)> _recentOrphans = new();
    private long _hour = long.MinValue;
    private int _hourLogins;
    private int _hourOrphans;
    private double _baselineShare;
    private int _hours;
    private RuleGate _gate;
    private int _orphansSinceFired;

    public void Observe(SecurityEvent e, string user, bool failed)
    {
        Roll(e.Timestamp);
        _hourLogins++;
        CountMinute(_recentLogins, e.Timestamp);
        if (!failed)
        {
            _open.Remove(user);
            return;
        }

        if (_open.ContainsKey(user) || _open.Count >= o.MaxEntriesPerKey) return;
        _open[user] = (e.Timestamp, e.SourceIp ?? "-", e.Id);
        _openOrder.Enqueue((user, e.Timestamp));
    }

    /// <summary>Failures that found no success within the grace period become orphans; checks the window.</summary>
    public void Advance(DateTimeOffset now, IFindingSink findings, Action<IFindingSink, Severity, double, string, Evidence, int, IReadOnlyList<Entity>> emit)
    {
        bool added = false;
        while (_openOrder.Count > 0 && now - _openOrder.Peek().At >= o.SiteOrphanGrace)
        {
            var (user, at) = _openOrder.Dequeue();
            if (!_open.TryGetValue(user, out var open) || open.At != at) continue;
            _open.Remove(user);
            if (open.At.UtcTicks / TimeSpan.TicksPerHour == _hour) _hourOrphans++;
            _orphans.Add(open.At, open.Ip, false, false, open.EventId);
            CountMinute(_recentOrphans, open.At);
            _orphansSinceFired++;
            _recentAccounts.Enqueue(user);
            if (_recentAccounts.Count > MaxNamed) _recentAccounts.Dequeue();
            added = true;
        }

        _orphans.Prune(now);
        long keepFrom = Minute(now - o.SiteOrphanGrace - o.SiteRecentWindow);
        while (_recentLogins.First is { } l && l.Value.Minute < keepFrom) _recentLogins.RemoveFirst();
        while (_recentOrphans.First is { } r && r.Value.Minute < keepFrom) _recentOrphans.RemoveFirst();
        if (!added || _orphans.Total < o.SiteMinOrphans || _orphans.DistinctKeys < o.SiteMinAddresses) return;
        long first = (now.UtcTicks - o.SiteWindow.Ticks) / TimeSpan.TicksPerHour;
        int logins = _hourLogins + _logins.Where(b => b.Hour >= first).Sum(b => b.Logins);
        double share = _orphans.Total / (double)Math.Max(1, logins);
        double threshold = Math.Max(o.SiteMinOrphanShare, o.SiteBaselineMultiplier * _baselineShare);
        if (share < threshold || RecentShare(now) < threshold) return;
        var severity = share >= 0.5 ? Severity.Critical : Severity.High;
        // The window remembers a finished attack for hours; re-firing on that memory would report it again, so the
        // gate waits a whole window unless the count keeps growing.
        // Nor may a trickle of ordinary give-ups revive it: after a finding, a new one needs a campaign's worth of
        // new orphans of its own (a repeat seen on held-out demo seeds, 1-6 h after the attack had ended).
        var coolDown = o.SiteWindow > o.CoolDown ? o.SiteWindow : o.CoolDown;
        if (_gate.Firings > 0 && _orphansSinceFired < o.SiteMinOrphans) return;
        if (!_gate.TryFire(now, severity, _orphans.Total, coolDown, o.EscalationFactor)) return;
        _orphansSinceFired = 0;
        var top = _orphans.PerKey.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(10).Select(kv => kv.Key).ToList();
        string vs = _hours > 0 ? $"the learned share is {Text.Percent(_baselineShare)}" : "no share learned yet";
        string explanation = $"{Text.N(_orphans.Total)} failed logins in {Text.Duration(o.SiteWindow)} on accounts that did not log in within {Text.Duration(o.SiteOrphanGrace)} after, from {Text.N(_orphans.DistinctKeys)} addresses: {Text.Percent(share)} of {Text.N(logins)} login attempts ({vs}; threshold {Text.Percent(threshold)})";
        var entities = new List<Entity>();
        entities.AddRange(top.Where(ip => ip != "-").Select(Entity.Ip));
        entities.AddRange(_recentAccounts.Select(Entity.User));
        emit(findings, severity, 0.7, explanation, _orphans.Collect((_, _, _) => true), _gate.Firings, entities);
    }

    public bool IsIdle => _open.Count == 0 && _orphans.IsEmpty && _logins.Count == 0 && _hourLogins == 0 && _recentLogins.Count == 0 && _recentOrphans.Count == 0;

    /// <summary>
    /// The orphan share of the login attempts of the last <see cref="CredentialStuffingOptions.SiteRecentWindow"/> whose
    /// grace period is over (later failures may still find their success).
    /// </summary>
    private double RecentShare(DateTimeOffset now)
    {
        long to = Minute(now - o.SiteOrphanGrace);
        long from = Minute(now - o.SiteOrphanGrace - o.SiteRecentWindow);
        int logins = _recentLogins.Where(b => b.Minute >= from && b.Minute < to).Sum(b => b.Count);
        int orphans = _recentOrphans.Where(b => b.Minute >= from && b.Minute < to).Sum(b => b.Count);
        return orphans / (double)Math.Max(1, logins);
    }

    private static long Minute(DateTimeOffset at) => at.UtcTicks / TimeSpan.TicksPerMinute;

    // Per-minute counts keep the recent view small at any traffic; a late event joins the newest minute.
    private static void CountMinute(LinkedList<(long Minute, int Count)> counts, DateTimeOffset at)
    {
        long minute = Minute(at);
        if (counts.Last is { } last && last.Value.Minute >= minute) last.Value = (last.Value.Minute, last.Value.Count + 1);
        else counts.AddLast((minute, 1));
    }

    private void Roll(DateTimeOffset at)
    {
        long hour = at.UtcTicks / TimeSpan.TicksPerHour;
        if (_hour == long.MinValue) _hour = hour;
        if (hour <= _hour) return;
        if (_hourLogins >= MinLoginsToLearn)
        {
            // Orphans still inside their grace period are not counted yet; the hour is learned at most at half the
            // reporting share, so an hour under attack teaches little.
            double sample = Math.Min(_hourOrphans / (double)_hourLogins, o.SiteMinOrphanShare / 2);
            _hours++;
            _baselineShare += Math.Max(0.02, 1.0 / _hours) * (sample - _baselineShare);
        }

        _logins.Enqueue((_hour, _hourLogins));
        long keep = (long)Math.Ceiling(o.SiteWindow.TotalHours) + 1;
        while (_logins.Count > 0 && _logins.Peek().Hour < hour - keep) _logins.Dequeue();
        _hour = hour;
        _hourLogins = 0;
        _hourOrphans = 0;
    }
}
