using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Pipeline;
using Ensuresec.Detection.Common;
using Ensuresec.Waf.Sigma;

namespace Ensuresec.Detection.Web;

/// <summary>
/// Sigma rules (SigmaHQ's web server rules or the shop's own) on http-request events: one finding per address and
/// rule, then a cool-down while further matches are counted. The finding carries the rule's id, its level as the
/// severity, its first ATT&amp;CK technique (T1190 when untagged), and the field and value that matched (quoted) in the explanation.
/// </summary>
internal sealed class SigmaDetector : IDetector
{
    public const string DetectorName = "sigma";

    private readonly SigmaRuleSet _rules;
    private readonly SigmaOptions _o;
    private readonly Dictionary<string, State> _state = new(StringComparer.Ordinal);
    private readonly List<SigmaMatch> _matches = [];

    public SigmaDetector(SigmaRuleSet rules, SigmaOptions options)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(options);
        _rules = rules;
        _o = options;
    }

    public string Name => DetectorName;

    public void SelectKeys(SecurityEvent e, List<DetectorKey> keys)
    {
        if (_rules.Rules.Count > 0 && e.Action == EventActions.HttpRequest && !string.IsNullOrEmpty(e.SourceIp) && e.UrlPath is not null) keys.Add(new DetectorKey(0, e.SourceIp));
    }

    public void Observe(SecurityEvent e, DetectorKey key, IFindingSink findings)
    {
        if (!_state.TryGetValue(key.Value, out var s))
        {
            s = new State();
            _state[key.Value] = s;
        }

        s.LastSeen = e.Timestamp;
        _matches.Clear();
        _rules.Match(WebFieldValues.From(e), _matches);
        foreach (var (rule, evidence) in _matches)
        {
            if (!s.Rules.TryGetValue(rule.Id, out var r)) s.Rules[rule.Id] = r = new RuleState();
            r.Hits++;
            r.Evidence.Add(e.Id, e.Timestamp);
            if (r.Firings > 0 && e.Timestamp - r.LastFired < _o.CoolDown) continue;
            r.Firings++;
            r.LastFired = e.Timestamp;
            string matched = evidence is null ? "its condition" : $"{evidence.Field} {Text.Quote(evidence.Value)}";
            string techniques = rule.Techniques.Count == 0 ? string.Empty : "; ATT&CK " + string.Join(", ", rule.Techniques);
            string explanation = $"{key.Value} matched Sigma rule {Text.Quote(rule.Title)} (level {rule.Level}{techniques}) on {matched} ({Text.N(r.Hits)} such requests from it; rule file {Text.Quote(Path.GetFileName(rule.File))})";
            var entities = new List<Entity> { Entity.Ip(key.Value), Entity.Url(e.UrlPath!) };
            // A web rule without an ATT&CK tag still describes an attack on the public web application.
            string technique = rule.Techniques.Count > 0 ? rule.Techniques[0] : "T1190";
            findings.Emit(FindingBuilder.Create(DetectorName, rule.Id, technique, rule.Severity, 0.8, key.Value + "/" + rule.Id, explanation, r.Evidence, r.Firings, entities));
            r.Evidence.Clear();
        }
    }

    public void Advance(DateTimeOffset now, IFindingSink findings) => IdleStates.Expire(_state, now, _o.IdleExpiry, s => s.LastSeen);

    private sealed class State
    {
        public DateTimeOffset LastSeen;
        public Dictionary<string, RuleState> Rules { get; } = new(StringComparer.Ordinal);
    }

    private sealed class RuleState
    {
        public int Hits;
        public int Firings;
        public DateTimeOffset LastFired;
        public Evidence Evidence { get; } = new();
    }
}
