using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Pipeline;
using Ensuresec.Detection.Common;

namespace Ensuresec.Detection.Scanning;

/// <summary>
/// Reconnaissance by one address. ES-WEB-010: a scanner announces itself in its user agent (T1595.002).
/// ES-WEB-011: requests for files only an attacker wants (/.env, /.git/config, backups...) (T1083).
/// ES-WEB-012: a burst of distinct missing paths, mostly misses: wordlist forced browsing (T1595.003).
/// </summary>
internal sealed class ScanningDetector : IDetector
{
    public const string DetectorName = "scanning";
    public const string AgentRule = "ES-WEB-010";
    public const string SensitiveRule = "ES-WEB-011";
    public const string MissingRule = "ES-WEB-012";

    private readonly ScanningOptions _o;
    private readonly SensitivePathMatcher _sensitive;
    private readonly HashSet<int> _missing;
    private readonly Dictionary<string, State> _state = new(StringComparer.Ordinal);

    public ScanningDetector(ScanningOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        _o = options;
        _sensitive = new SensitivePathMatcher(options.SensitivePaths, options.SensitiveSuffixes);
        _missing = [.. options.MissingStatuses];
    }

    public string Name => DetectorName;

    public void SelectKeys(SecurityEvent e, List<DetectorKey> keys)
    {
        if (e.Action == EventActions.HttpRequest && !string.IsNullOrEmpty(e.SourceIp)) keys.Add(new DetectorKey(0, e.SourceIp));
    }

    public void Observe(SecurityEvent e, DetectorKey key, IFindingSink findings)
    {
        string ip = key.Value;
        if (!_state.TryGetValue(ip, out var s))
        {
            s = new State(_o);
            _state[ip] = s;
        }

        s.Requests++;
        if (Agents.IsKnownGood(e.UserAgent)) s.KnownAgent = true;
        string path = e.UrlPath ?? string.Empty;
        int status = e.StatusCode ?? 0;
        bool missing = _missing.Contains(status) && !IsIgnored(path);
        s.All.Add(e.Timestamp, missing ? path : null, missing, false, e.Id);
        if (path.Length > 0 && _sensitive.IsSensitive(path))
        {
            s.Sensitive.Add(e.Timestamp, path, status is >= 200 and < 300, false, e.Id);
            CheckSensitive(e, ip, s, findings);
        }

        if (_o.ReportScannerAgents) CheckAgent(e, ip, s, findings);
        if (missing) CheckMissing(e, ip, s, findings);
    }

    public void Advance(DateTimeOffset now, IFindingSink findings) => IdleStates.Expire(_state, now, _o.IdleExpiry, s => s.All.LastSeen);

    private void CheckAgent(SecurityEvent e, string ip, State s, IFindingSink findings)
    {
        string? scanner = Agents.ScannerName(e.UserAgent);
        if (scanner is null) return;
        s.ScannerHits++;
        if (!s.AgentGate.TryFire(e.Timestamp, Severity.Medium, s.ScannerHits, _o.CoolDown, double.PositiveInfinity)) return;
        var evidence = new Evidence();
        evidence.Add(e.Id, e.Timestamp);
        string explanation = $"{ip} announces the {scanner} scanner in its user agent {Text.Quote(e.UserAgent)} ({Text.N(s.Requests)} requests from it so far)";
        Emit(findings, AgentRule, "T1595.002", Severity.Medium, 0.9, ip, explanation, evidence, s.AgentGate.Firings, [Entity.Ip(ip)]);
    }

    private void CheckSensitive(SecurityEvent e, string ip, State s, IFindingSink findings)
    {
        int distinct = s.Sensitive.DistinctKeys;
        int served = s.Sensitive.Flagged;
        double factor = s.KnownAgent ? _o.KnownAgentFactor : 1;
        bool exposed = served > 0;
        if (!exposed && distinct < _o.MinDistinctSensitiveProbes * factor) return;
        var severity = exposed ? Severity.High : Severity.Medium;
        if (!s.SensitiveGate.TryFire(e.Timestamp, severity, distinct, _o.CoolDown, _o.EscalationFactor)) return;
        var evidence = s.Sensitive.Collect((_, _, _) => true);
        var paths = s.Sensitive.PerKey.Keys.Order(StringComparer.Ordinal).Take(3).Select(Text.Quote);
        string what = exposed
            ? $"{Text.N(served)} of them answered with 2xx, so the file may be exposed"
            : "all refused or missing";
        string explanation = $"{ip} requested {Text.N(distinct)} sensitive paths in {Text.Duration(_o.Window)} ({string.Join(", ", paths)}{(distinct > 3 ? ", ..." : string.Empty)}); {what}";
        var entities = new List<Entity> { Entity.Ip(ip) };
        entities.AddRange(s.Sensitive.PerKey.Keys.Order(StringComparer.Ordinal).Take(5).Select(Entity.Url));
        Emit(findings, SensitiveRule, "T1083", severity, exposed ? 0.7 : 0.85, ip, explanation, evidence, s.SensitiveGate.Firings, entities);
    }

    private void CheckMissing(SecurityEvent e, string ip, State s, IFindingSink findings)
    {
        int distinct = s.All.DistinctKeys;
        double factor = s.KnownAgent ? _o.KnownAgentFactor : 1;
        if (distinct < _o.MinDistinctMissingPaths * factor) return;
        double share = s.All.Flagged / (double)s.All.Total;
        if (share < _o.MinMissingShare) return;
        var severity = distinct >= _o.MinDistinctMissingPaths * factor * 10 ? Severity.High : Severity.Medium;
        if (!s.MissingGate.TryFire(e.Timestamp, severity, distinct, _o.CoolDown, _o.EscalationFactor)) return;
        var evidence = s.All.Collect((missing, _, _) => missing);
        string explanation = $"{ip} requested {Text.N(distinct)} distinct missing paths in {Text.Duration(_o.Window)} ({Text.Percent(share)} of its {Text.N(s.All.Total)} requests missed; threshold {Text.N((long)(_o.MinDistinctMissingPaths * factor))})";
        Emit(findings, MissingRule, "T1595.003", severity, 0.8, ip, explanation, evidence, s.MissingGate.Firings, [Entity.Ip(ip)]);
    }

    private bool IsIgnored(string path)
    {
        foreach (var ext in _o.IgnoredExtensions)
        {
            if (path.EndsWith(ext, StringComparison.OrdinalIgnoreCase)) return true;
        }

        return false;
    }

    private static void Emit(IFindingSink findings, string rule, string technique, Severity severity, double confidence, string ip, string explanation, Evidence evidence, int firing, IReadOnlyList<Entity> entities)
    {
        findings.Emit(FindingBuilder.Create(DetectorName, rule, technique, severity, confidence, ip, explanation, evidence, firing, entities));
    }

    private sealed class State(ScanningOptions o)
    {
        public SlidingWindow All { get; } = new(o.Window, o.MaxEntriesPerAddress);

        public SlidingWindow Sensitive { get; } = new(o.Window, o.MaxEntriesPerAddress);

        public RuleGate AgentGate;
        public RuleGate SensitiveGate;
        public RuleGate MissingGate;

        public long Requests { get; set; }

        public long ScannerHits { get; set; }

        public bool KnownAgent { get; set; }
    }
}
