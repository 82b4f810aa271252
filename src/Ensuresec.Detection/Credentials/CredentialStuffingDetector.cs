using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Pipeline;
using Ensuresec.Detection.Common;

namespace Ensuresec.Detection.Credentials;

/// <summary>
/// Attacks on passwords. ES-AUTH-001 stuffing: one address, many accounts, mostly failing (T1110.004).
/// ES-AUTH-002 spraying: one address, many accounts, a few tries each, over hours (T1110.003).
/// ES-AUTH-003 guessing: many failures on one account (T1110.001).
/// ES-AUTH-004: a burst of failed login POSTs from one address in an access log, account unknown (T1110).
/// ES-AUTH-005: site-wide, many failures on accounts that then do not log in, from many addresses (T1110.004).
/// </summary>
internal sealed class CredentialStuffingDetector : IDetector
{
    public const string DetectorName = "credential-stuffing";
    public const string StuffingRule = "ES-AUTH-001";
    public const string SprayingRule = "ES-AUTH-002";
    public const string GuessingRule = "ES-AUTH-003";
    public const string BurstRule = "ES-AUTH-004";
    public const string SiteRule = "ES-AUTH-005";
    private const byte AddressSlot = 0;
    private const byte AccountSlot = 1;
    private const byte SiteSlot = 2;
    private const string SiteKey = "*";

    private readonly CredentialStuffingOptions _o;
    private readonly LoginReader _reader;
    private readonly Dictionary<string, AddressState> _addresses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccountState> _accounts = new(StringComparer.Ordinal);

    // Only the instance that owns the single site key ever fills it; in the others it stays idle.
    private readonly SiteFailures _site;

    public CredentialStuffingDetector(CredentialStuffingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        _o = options;
        _reader = new LoginReader(options.LoginPaths, options.FormRerenderLoginPaths, options.FailureStatuses);
        _site = new SiteFailures(options);
    }

    public string Name => DetectorName;

    public void SelectKeys(SecurityEvent e, List<DetectorKey> keys)
    {
        if (!_reader.TryRead(e, out var login)) return;
        if (!string.IsNullOrEmpty(e.SourceIp)) keys.Add(new DetectorKey(AddressSlot, e.SourceIp));
        if (string.IsNullOrEmpty(login.User)) return;
        keys.Add(new DetectorKey(AccountSlot, login.User));
        keys.Add(new DetectorKey(SiteSlot, SiteKey));
    }

    public void Observe(SecurityEvent e, DetectorKey key, IFindingSink findings)
    {
        if (!_reader.TryRead(e, out var login)) return;
        if (key.Slot == AddressSlot) ObserveAddress(e, key.Value, login, findings);
        else if (key.Slot == AccountSlot) ObserveAccount(e, key.Value, login, findings);
        else if (login.User is not null) _site.Observe(e, login.User, login.Failed);
    }

    public void Advance(DateTimeOffset now, IFindingSink findings)
    {
        var longest = _o.SprayingWindow > _o.StuffingWindow ? _o.SprayingWindow : _o.StuffingWindow;
        IdleStates.Expire(_addresses, now, longest, s => s.Spraying.LastSeen > s.Anonymous.LastSeen ? s.Spraying.LastSeen : s.Anonymous.LastSeen);
        IdleStates.Expire(_accounts, now, _o.GuessingWindow, s => s.Failures.LastSeen);
        if (!_site.IsIdle)
        {
            _site.Advance(now, findings, (sink, severity, confidence, explanation, evidence, firing, entities) =>
                Emit(sink, SiteRule, "T1110.004", severity, confidence, SiteKey, explanation, evidence, firing, entities, now));
        }
    }

    private void ObserveAddress(SecurityEvent e, string ip, Login login, IFindingSink findings)
    {
        if (!_addresses.TryGetValue(ip, out var s))
        {
            s = new AddressState(_o);
            _addresses[ip] = s;
        }

        if (login.User is null)
        {
            s.Anonymous.Add(e.Timestamp, null, login.Failed, false, e.Id);
            if (login.Failed) CheckBurst(e, ip, s, findings);
            return;
        }

        s.Stuffing.Add(e.Timestamp, login.User, login.Failed, false, e.Id);
        s.Spraying.Add(e.Timestamp, login.User, login.Failed, false, e.Id);
        if (!login.Failed) return;
        if (!CheckStuffing(e, ip, s, findings)) CheckSpraying(e, ip, s, findings);
    }

    private bool CheckStuffing(SecurityEvent e, string ip, AddressState s, IFindingSink findings)
    {
        var w = s.Stuffing;
        if (w.DistinctKeys < _o.StuffingMinAccounts) return false;
        double ratio = w.Flagged / (double)w.Total;
        if (ratio < _o.StuffingMinFailureRatio) return false;
        var severity = w.DistinctKeys >= _o.StuffingMinAccounts * 10 ? Severity.Critical : Severity.High;
        if (!s.StuffingGate.TryFire(e.Timestamp, severity, w.DistinctKeys, _o.CoolDown, _o.EscalationFactor)) return true;
        int succeeded = w.Total - w.Flagged;
        // Accounts that let the address in are the likely compromised ones; naming them lets incidents join the takeover.
        var won = w.KeysWhere((failed, _) => !failed, 10);
        string wonText = succeeded == 0 ? "none succeeded" : $"{Text.N(succeeded)} succeeded ({string.Join(", ", won.Take(3).Select(Text.Quote))}{(won.Count > 3 ? ", ..." : string.Empty)})";
        string explanation = $"{ip} tried {Text.N(w.DistinctKeys)} accounts in {Text.Duration(_o.StuffingWindow)} with {Text.N(w.Total)} logins, {Text.Percent(ratio)} failed, {wonText}; threshold {Text.N(_o.StuffingMinAccounts)} accounts";
        var entities = new List<Entity> { Entity.Ip(ip) };
        entities.AddRange(won.Select(Entity.User));
        Emit(findings, StuffingRule, "T1110.004", severity, 0.85, ip, explanation, w.Collect((_, _, _) => true), s.StuffingGate.Firings, entities);
        return true;
    }

    private void CheckSpraying(SecurityEvent e, string ip, AddressState s, IFindingSink findings)
    {
        var w = s.Spraying;
        if (w.DistinctKeys < _o.SprayingMinAccounts || !s.SprayingGate.IsQuiet(e.Timestamp, _o.CoolDown)) return;
        double ratio = w.Flagged / (double)w.Total;
        if (ratio < _o.SprayingMinFailureRatio) return;
        int most = w.MaxPerKey();
        if (most > _o.SprayingMaxAttemptsPerAccount) return;
        if (!s.SprayingGate.TryFire(e.Timestamp, Severity.High, w.DistinctKeys, _o.CoolDown, _o.EscalationFactor)) return;
        var evidence = w.Collect((_, _, _) => true);
        string explanation = $"{ip} tried {Text.N(w.DistinctKeys)} accounts at most {Text.N(most)} times each over {Text.Duration(evidence.LastSeen - evidence.FirstSeen)}, {Text.Percent(ratio)} of {Text.N(w.Total)} logins failed; threshold {Text.N(_o.SprayingMinAccounts)} accounts in {Text.Duration(_o.SprayingWindow)}";
        var entities = new List<Entity> { Entity.Ip(ip) };
        entities.AddRange(w.KeysWhere((failed, _) => !failed, 10).Select(Entity.User));
        Emit(findings, SprayingRule, "T1110.003", Severity.High, 0.75, ip, explanation, evidence, s.SprayingGate.Firings, entities);
    }

    private void CheckBurst(SecurityEvent e, string ip, AddressState s, IFindingSink findings)
    {
        var w = s.Anonymous;
        if (w.Flagged < _o.AddressBurstMinFailures) return;
        double ratio = w.Flagged / (double)w.Total;
        if (ratio < _o.StuffingMinFailureRatio) return;
        var severity = w.Flagged >= _o.AddressBurstMinFailures * 10 ? Severity.High : Severity.Medium;
        if (!s.BurstGate.TryFire(e.Timestamp, severity, w.Flagged, _o.CoolDown, _o.EscalationFactor)) return;
        string explanation = $"{ip} failed {Text.N(w.Flagged)} login posts to {Text.Quote(e.UrlPath)} in {Text.Duration(_o.StuffingWindow)} ({Text.Percent(ratio)} of its {Text.N(w.Total)}); threshold {Text.N(_o.AddressBurstMinFailures)}";
        var entities = new List<Entity> { Entity.Ip(ip) };
        if (e.UrlPath is not null) entities.Add(Entity.Url(e.UrlPath));
        Emit(findings, BurstRule, "T1110", severity, 0.7, ip, explanation, w.Collect((failed, _, _) => failed), s.BurstGate.Firings, entities);
    }

    private void ObserveAccount(SecurityEvent e, string user, Login login, IFindingSink findings)
    {
        if (!login.Failed) return;
        if (!_accounts.TryGetValue(user, out var s))
        {
            s = new AccountState(_o);
            _accounts[user] = s;
        }

        var w = s.Failures;
        w.Add(e.Timestamp, e.SourceIp ?? "-", true, false, e.Id);
        if (w.Total < _o.GuessingMinFailures) return;
        var severity = w.Total >= _o.GuessingMinFailures * 5 ? Severity.High : Severity.Medium;
        if (!s.Gate.TryFire(e.Timestamp, severity, w.Total, _o.CoolDown, _o.EscalationFactor)) return;
        var ips = w.KeysWhere((_, _) => true, 10);
        string from = w.DistinctKeys == 1 ? $"from {ips[0]}" : $"from {Text.N(w.DistinctKeys)} addresses ({string.Join(", ", ips.Take(3))}{(w.DistinctKeys > 3 ? ", ..." : string.Empty)})";
        string explanation = $"{Text.Quote(user)} had {Text.N(w.Total)} failed logins in {Text.Duration(_o.GuessingWindow)} {from}; threshold {Text.N(_o.GuessingMinFailures)}";
        var entities = new List<Entity> { Entity.User(user) };
        entities.AddRange(ips.Where(ip => ip != "-").Select(Entity.Ip));
        Emit(findings, GuessingRule, "T1110.001", severity, 0.8, user, explanation, w.Collect((_, _, _) => true), s.Gate.Firings, entities);
    }

    private static void Emit(IFindingSink findings, string rule, string technique, Severity severity, double confidence, string key, string explanation, Evidence evidence, int firing, IReadOnlyList<Entity> entities, DateTimeOffset? detectedAt = null)
    {
        findings.Emit(FindingBuilder.Create(DetectorName, rule, technique, severity, confidence, key, explanation, evidence, firing, entities, detectedAt));
    }

    private sealed class AddressState(CredentialStuffingOptions o)
    {
        public SlidingWindow Stuffing { get; } = new(o.StuffingWindow, o.MaxEntriesPerKey);

        public SlidingWindow Spraying { get; } = new(o.SprayingWindow, o.MaxEntriesPerKey);

        public SlidingWindow Anonymous { get; } = new(o.StuffingWindow, o.MaxEntriesPerKey);

        public RuleGate StuffingGate;
        public RuleGate SprayingGate;
        public RuleGate BurstGate;
    }

    private sealed class AccountState(CredentialStuffingOptions o)
    {
        public SlidingWindow Failures { get; } = new(o.GuessingWindow, o.MaxEntriesPerKey);

        public RuleGate Gate;
    }
}
