using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Pipeline;
using Ensuresec.Detection.Common;

namespace Ensuresec.Detection.Takeover;

/// <summary>
/// Account takeover (T1078), per account. A login is suspicious when it succeeds after a run of failures, or
/// comes from a network and an agent the account never used. ES-ATO-001: a suspicious login followed within the
/// change window by sensitive changes (email, address, password, a new card). ES-ATO-002: success after a failure run
/// that does not look like the owner mistyping (other addresses, a new network, or very many failures).
/// ES-ATO-003 profile hijack: an e-mail change and then another sensitive change, from a network the account
/// started using only recently while older ones are known (catches the attacker who returns hours later).
/// Stuffing from another address is not visible per account; the incident correlator joins it through the address.
/// </summary>
internal sealed class AccountTakeoverDetector : IDetector
{
    public const string DetectorName = "account-takeover";
    public const string TakeoverRule = "ES-ATO-001";
    public const string LoginRule = "ES-ATO-002";
    public const string HijackRule = "ES-ATO-003";

    private readonly AccountTakeoverOptions _o;
    private readonly Dictionary<string, AccountProfile> _accounts = new(StringComparer.Ordinal);

    public AccountTakeoverDetector(AccountTakeoverOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        _o = options;
    }

    public string Name => DetectorName;

    public void SelectKeys(SecurityEvent e, List<DetectorKey> keys)
    {
        if (string.IsNullOrEmpty(e.UserName)) return;
        if (e.Action is EventActions.Login or EventActions.EmailChange or EventActions.AddressChange
            or EventActions.PasswordChange or EventActions.PasswordReset or EventActions.PaymentAttempt)
        {
            keys.Add(new DetectorKey(0, e.UserName));
        }
    }

    public void Observe(SecurityEvent e, DetectorKey key, IFindingSink findings)
    {
        string user = key.Value;
        if (!_accounts.TryGetValue(user, out var p))
        {
            if (_accounts.Count >= _o.MaxAccounts) return;
            p = new AccountProfile(_o.MaxKnownPerAccount);
            _accounts[user] = p;
        }

        if (e.Timestamp > p.LastSeen) p.LastSeen = e.Timestamp;
        ClosePending(p, e.Timestamp);
        switch (e.Action)
        {
            case EventActions.Login when e.Outcome == EventOutcomes.Failure:
                OnFailure(e, p);
                break;
            case EventActions.Login when e.Outcome == EventOutcomes.Success:
                OnSuccess(e, user, p, findings);
                break;
            case EventActions.PaymentAttempt:
                OnPayment(e, user, p, findings);
                break;
            case EventActions.EmailChange or EventActions.AddressChange or EventActions.PasswordChange or EventActions.PasswordReset:
                CheckHijack(e, user, p, e.Action, findings);
                OnChange(e, user, p, e.Action, findings);
                break;
        }
    }

    public void Advance(DateTimeOffset now, IFindingSink findings)
    {
        List<string>? stale = null;
        foreach (var (user, p) in _accounts)
        {
            ClosePending(p, now);
            if (now - p.LastSeen >= _o.ProfileIdleExpiry) (stale ??= []).Add(user);
        }

        stale?.ForEach(u => _accounts.Remove(u));
    }

    private void OnFailure(SecurityEvent e, AccountProfile p)
    {
        if (p.FailureRun > 0 && e.Timestamp - p.FailureRunStart > _o.FailureRunWindow) p.ResetFailures();
        if (p.FailureRun == 0) p.FailureRunStart = e.Timestamp;
        p.FailureRun++;
        if (e.SourceIp is not null && p.FailureAddresses.Count < 64) p.FailureAddresses.Add(e.SourceIp);
        p.FailureEvidence.Add(e.Id, e.Timestamp);
    }

    private void OnSuccess(SecurityEvent e, string user, AccountProfile p, IFindingSink findings)
    {
        int failures = p.FailureRun > 0 && e.Timestamp - p.FailureRunStart <= _o.FailureRunWindow ? p.FailureRun : 0;
        string ip = e.SourceIp ?? "-";
        string? network = e.SourceIp is null ? null : NetworkPrefix.Of(e.SourceIp);
        string? agent = Shorten(e.UserAgent);
        bool newNetwork = p.SuccessfulLogins >= _o.MinKnownLogins
            && network is not null && !p.Networks.Contains(network)
            && (agent is null || !p.Agents.Contains(agent));
        // All failures from the address that then succeeded, on a network the account knows: the owner mistyping.
        bool ownDevice = p.FailureAddresses.Count == 1 && p.FailureAddresses.Contains(ip) && !newNetwork;
        bool afterFailures = failures >= _o.MinFailuresBeforeSuccess && (!ownDevice || failures >= _o.ManyFailuresBeforeSuccess);
        if (network is not null) p.LoginNetworks.Touch(network, e.Timestamp);
        p.SuccessfulLogins++;
        if (!afterFailures && !newNetwork)
        {
            Learn(p, network, agent, e.Timestamp);
            p.ResetFailures();
            return;
        }

        var evidence = new Evidence();
        foreach (var id in p.FailureEvidence.Ids) evidence.Add(id, p.FailureRunStart);
        evidence.Add(e.Id, e.Timestamp);
        p.Pending = new SuspiciousLogin
        {
            At = e.Timestamp,
            Address = ip,
            Network = network,
            UserAgent = agent,
            FailuresBefore = failures,
            NewNetwork = newNetwork,
            Evidence = evidence,
        };
        var failedFrom = p.FailureAddresses.Order(StringComparer.Ordinal).ToList();
        p.ResetFailures();
        if (!afterFailures || !_o.ReportSuccessAfterFailures) return;
        if (!p.LoginGate.TryFire(e.Timestamp, Severity.Medium, failures, _o.CoolDown, double.PositiveInfinity)) return;
        bool sameAddress = failedFrom.Contains(ip);
        string explanation = $"{Text.Quote(user)} logged in from {ip} after {Text.N(failures)} failed logins{(sameAddress ? " from the same address" : $" from {Text.N(failedFrom.Count)} other addresses")}{(newNetwork ? ", from a network and agent never seen for the account" : string.Empty)}; threshold {Text.N(_o.MinFailuresBeforeSuccess)}";
        var entities = new List<Entity> { Entity.User(user), Entity.Ip(ip) };
        entities.AddRange(failedFrom.Where(a => a != ip).Take(5).Select(Entity.Ip));
        Emit(findings, LoginRule, Severity.Medium, 0.6, user, explanation, evidence, e.Timestamp, p.LoginGate.Firings, entities);
    }

    private void OnPayment(SecurityEvent e, string user, AccountProfile p, IFindingSink findings)
    {
        if (string.IsNullOrEmpty(e.CardFingerprint)) return;
        // A first card on an account without payment history is how every customer starts, not a change.
        bool known = p.Cards.Count == 0 || p.Cards.Contains(e.CardFingerprint);
        p.Cards.Touch(e.CardFingerprint, e.Timestamp);
        if (known) return;
        CheckHijack(e, user, p, "new-card", findings);
        if (p.Pending is null) return;
        p.Pending.NewCards.Add(e.CardFingerprint);
        OnChange(e, user, p, "new-card", findings);
    }

    private void OnChange(SecurityEvent e, string user, AccountProfile p, string kind, IFindingSink findings)
    {
        var pending = p.Pending;
        if (pending is null || e.Timestamp < pending.At) return;
        pending.Changes.Add(kind);
        pending.Evidence.Add(e.Id, e.Timestamp);
        if (e.SourceIp is not null && pending.ChangeAddresses.Count < 16) pending.ChangeAddresses.Add(e.SourceIp);
        bool both = pending.FailuresBefore >= _o.MinFailuresBeforeSuccess && pending.NewNetwork;
        var severity = both || pending.Changes.Count >= 2 ? Severity.Critical : Severity.High;
        if (!p.TakeoverGate.TryFire(e.Timestamp, severity, pending.Changes.Count, _o.CoolDown, double.PositiveInfinity)) return;
        var why = new List<string>(2);
        if (pending.FailuresBefore >= _o.MinFailuresBeforeSuccess) why.Add($"after {Text.N(pending.FailuresBefore)} failed logins");
        if (pending.NewNetwork) why.Add($"from a new network {pending.Network} and a new agent");
        string explanation = $"{Text.Quote(user)} logged in from {pending.Address} {string.Join(" and ", why)}, then within {Text.Duration(e.Timestamp - pending.At)} made {string.Join(", ", pending.Changes)}";
        var entities = new List<Entity> { Entity.User(user), Entity.Ip(pending.Address) };
        entities.AddRange(pending.ChangeAddresses.Where(a => a != pending.Address).Order(StringComparer.Ordinal).Select(Entity.Ip));
        entities.AddRange(pending.NewCards.Select(Entity.Card));
        double confidence = both ? 0.9 : pending.FailuresBefore > 0 ? 0.8 : 0.65;
        Emit(findings, TakeoverRule, severity, confidence, user, explanation, pending.Evidence, e.Timestamp, p.TakeoverGate.Firings, entities);
    }

    private void CheckHijack(SecurityEvent e, string user, AccountProfile p, string kind, IFindingSink findings)
    {
        var changes = p.RecentChanges;
        changes.RemoveAll(c => e.Timestamp - c.At > _o.HijackWindow);
        if (changes.Count < 16) changes.Add((kind, e.SourceIp, e.Timestamp, e.Id));
        // The e-mail is where resets go, so it changes first; what the attacker profits from follows.
        int i = changes.FindIndex(c => c.Kind == EventActions.EmailChange);
        if (i < 0 || changes[i].Address is not string address) return;
        var pivot = changes[i];
        var after = changes.Where(c => c.At >= pivot.At && c.Kind is not (EventActions.EmailChange or EventActions.PasswordReset)).ToList();
        if (after.Count == 0) return;
        string network = NetworkPrefix.Of(address);
        var first = p.LoginNetworks.FirstSeen(network) ?? pivot.At;
        if (pivot.At - first > _o.NewNetworkAge || !p.LoginNetworks.AnyOtherBefore(network, first)) return;
        if (!p.HijackGate.TryFire(e.Timestamp, Severity.High, after.Count, _o.CoolDown, double.PositiveInfinity)) return;
        var evidence = new Evidence();
        foreach (var c in changes.Where(c => c.At >= pivot.At)) evidence.Add(c.EventId, c.At);
        string kinds = string.Join(", ", after.Select(c => c.Kind).Distinct(StringComparer.Ordinal));
        string explanation = $"{Text.Quote(user)} changed the e-mail from {address} (network {network}, first used by the account {Text.Duration(pivot.At - first)} before, older networks known), then within {Text.Duration(e.Timestamp - pivot.At)} made {kinds}";
        var entities = new List<Entity> { Entity.User(user), Entity.Ip(address) };
        entities.AddRange(after.Select(c => c.Address).OfType<string>().Where(a => a != address).Distinct(StringComparer.Ordinal).Select(Entity.Ip));
        Emit(findings, HijackRule, Severity.High, 0.7, user, explanation, evidence, e.Timestamp, p.HijackGate.Firings, entities);
    }

    private void ClosePending(AccountProfile p, DateTimeOffset now)
    {
        var pending = p.Pending;
        if (pending is null || now - pending.At <= _o.ChangeWindow) return;
        // Nothing sensitive followed (or it was reported): the new network was most likely the owner's, so learn it.
        if (pending.Changes.Count == 0) Learn(p, pending.Network, pending.UserAgent, pending.At);
        p.Pending = null;
    }

    private static void Learn(AccountProfile p, string? network, string? agent, DateTimeOffset at)
    {
        if (network is not null) p.Networks.Touch(network, at);
        if (agent is not null) p.Agents.Touch(agent, at);
    }

    private static string? Shorten(string? agent) => string.IsNullOrEmpty(agent) ? null : agent.Length > 256 ? agent[..256] : agent;

    private static void Emit(IFindingSink findings, string rule, Severity severity, double confidence, string user, string explanation, Evidence evidence, DateTimeOffset at, int firing, IReadOnlyList<Entity> entities)
    {
        findings.Emit(FindingBuilder.Create(DetectorName, rule, "T1078", severity, confidence, user, explanation, evidence, firing, entities, at));
    }
}
