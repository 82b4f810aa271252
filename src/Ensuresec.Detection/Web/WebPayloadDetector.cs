using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Pipeline;
using Ensuresec.Detection.Common;
using Ensuresec.Waf;
using Ensuresec.Waf.Http;
using Ensuresec.Waf.Model;

namespace Ensuresec.Detection.Web;

/// <summary>
/// Web attack payloads in access-log requests (path, query and user agent), through the request analyser of
/// Ensuresec.Waf: SQL injection, XSS, traversal, command and code injection, SSRF, JNDI... One finding per address
/// and attack class, then a cool-down; rule ES-WEB-020 + the class number (see docs/WAF.md). Scanner agents are
/// left to the scanning detector, and protocol anomalies are reported only beside a payload.
/// </summary>
internal sealed class WebPayloadDetector : IDetector
{
    public const string DetectorName = "web-payload";

    private readonly WebPayloadOptions _o;
    private readonly WafAnalyzer _analyzer;
    private readonly Dictionary<string, State> _state = new(StringComparer.Ordinal);

    public WebPayloadDetector(WebPayloadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        _o = options;
        _analyzer = new WafAnalyzer(new WafOptions { Paranoia = options.Paranoia, Threshold = options.Threshold });
    }

    public string Name => DetectorName;

    public static string RuleId(AttackClass c) => "ES-WEB-" + (20 + (int)c).ToString("D3", System.Globalization.CultureInfo.InvariantCulture);

    public void SelectKeys(SecurityEvent e, List<DetectorKey> keys)
    {
        if (e.Action == EventActions.HttpRequest && !string.IsNullOrEmpty(e.SourceIp) && e.UrlPath is not null) keys.Add(new DetectorKey(0, e.SourceIp));
    }

    public void Observe(SecurityEvent e, DetectorKey key, IFindingSink findings)
    {
        if (EventRequests.From(e) is not { } request) return;
        var verdict = _analyzer.Analyze(request);
        if (!_state.TryGetValue(key.Value, out var s))
        {
            s = new State();
            _state[key.Value] = s;
        }

        s.LastSeen = e.Timestamp;
        if (!verdict.IsAttack) return;
        // An access log shows only the request line: protocol anomalies alone there (a raw '%' in a demo page's
        // query) are client sloppiness, not attacks. They count only beside a payload of another class.
        if (verdict.Findings.All(f => f.Class is AttackClass.Protocol or AttackClass.Scanner)) return;
        foreach (var group in verdict.Findings.Where(f => f.Class != AttackClass.Scanner).GroupBy(f => f.Class))
        {
            var c = s.Classes.TryGetValue(group.Key, out var existing) ? existing : new ClassState();
            c.Hits++;
            c.Evidence.Add(e.Id, e.Timestamp);
            bool fire = c.Firings == 0 || e.Timestamp - c.LastFired >= _o.CoolDown;
            s.Classes[group.Key] = c;
            if (!fire) continue;
            c.Firings++;
            c.LastFired = e.Timestamp;
            var first = group.OrderByDescending(f => f.Score).First();
            var severity = group.Key is AttackClass.Protocol ? Severity.Low : verdict.Score >= 2 * _o.Threshold ? Severity.High : Severity.Medium;
            string where = first.Name.Length > 0 ? $"{first.Part} {Text.Quote(first.Name)}" : first.Part.ToString();
            string explanation = $"{key.Value} sent {AttackClasses.Name(group.Key)} in {where}: {first.Message} ({Text.Quote(first.Evidence)}; anomaly score {verdict.Score}, threshold {_o.Threshold}; {Text.N(c.Hits)} such requests from it)";
            var entities = new List<Entity> { Entity.Ip(key.Value), Entity.Url(e.UrlPath!) };
            findings.Emit(FindingBuilder.Create(DetectorName, RuleId(group.Key), first.Technique, severity, 0.9, key.Value + "/" + AttackClasses.Name(group.Key), explanation, c.Evidence, c.Firings, entities));
            c.Evidence.Clear();
        }
    }

    public void Advance(DateTimeOffset now, IFindingSink findings) => IdleStates.Expire(_state, now, _o.IdleExpiry, s => s.LastSeen);

    private sealed class State
    {
        public DateTimeOffset LastSeen;
        public Dictionary<AttackClass, ClassState> Classes { get; } = [];
    }

    private sealed class ClassState
    {
        public int Hits;
        public int Firings;
        public DateTimeOffset LastFired;
        public Evidence Evidence { get; } = new();
    }
}
