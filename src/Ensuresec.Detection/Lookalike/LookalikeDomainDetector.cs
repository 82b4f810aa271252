using System.Text.Json.Nodes;
using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Pipeline;
using Ensuresec.Detection.Common;

namespace Ensuresec.Detection.Lookalike;

/// <summary>
/// Domains that imitate the shop's brand domains, wherever they show up: the referrer of a request or login (a
/// customer arrived from it), a link in an e-mail a customer reported or clicked, or a domain feed (certificate
/// transparency, new registrations). ES-LKA-001: a lookalike domain seen, once per domain, with the brand, the
/// technique and the evidence. ES-LKA-002: a customer reached through it (once per domain and customer); the
/// correlator joins it to what happens to that customer's account afterwards. Technique T1583.001 (Acquire
/// Infrastructure: Domains) and T1566.002 (Phishing: Spearphishing Link).
/// </summary>
internal sealed class LookalikeDomainDetector : IDetector
{
    public const string DetectorName = "lookalike-domain";
    public const string DomainRule = "ES-LKA-001";
    public const string ExposureRule = "ES-LKA-002";

    /// <summary>The entity kind of a domain (ECS url.domain).</summary>
    public const string DomainEntity = "url.domain";

    /// <summary>Most links read from one reported e-mail.</summary>
    public const int MaxLinks = 100;

    private readonly LookalikeDomainOptions _o;
    private readonly LookalikeMatcher _matcher;
    private readonly Dictionary<string, DomainState> _domains = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _age = new();

    public LookalikeDomainDetector(LookalikeDomainOptions options, LookalikeMatcher matcher)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(matcher);
        _o = options;
        _matcher = matcher;
    }

    public string Name => DetectorName;

    public void SelectKeys(SecurityEvent e, List<DetectorKey> keys)
    {
        foreach (string host in Hosts(e).Distinct(StringComparer.Ordinal))
        {
            if (_matcher.Match(host) is not null) keys.Add(new DetectorKey(0, host));
        }
    }

    public void Observe(SecurityEvent e, DetectorKey key, IFindingSink findings)
    {
        if (_matcher.Match(key.Value) is not { } match) return;
        if (!_domains.TryGetValue(match.Domain, out var state))
        {
            if (_domains.Count >= _o.MaxDomains && _age.First is { } oldest)
            {
                _domains.Remove(oldest.Value);
                _age.RemoveFirst();
            }

            state = new DomainState(match, e.Timestamp);
            _domains[match.Domain] = state;
            _age.AddLast(match.Domain);
            findings.Emit(DomainFinding(e, match));
        }

        var victim = Victim(e);
        if (victim is null || state.Exposed.Count >= _o.MaxExposedPerDomain || !state.Exposed.Add(victim.Value)) return;
        findings.Emit(ExposureFinding(e, state, victim.Value));
    }

    public void Advance(DateTimeOffset now, IFindingSink findings)
    {
    }

    /// <summary>Where the event names a domain: its referrer, the reported links, the observed domain.</summary>
    internal static IEnumerable<string> Hosts(SecurityEvent e)
    {
        if (e.Action == EventActions.DomainObserved)
        {
            if (DomainNames.HostOf(e.GetString("url.domain")) is { } d) yield return d;
            yield break;
        }

        if (e.Action == EventActions.EmailReported)
        {
            if (DomainNames.HostOf(e.GetString("url.original")) is { } u) yield return u;
            if (e.Find("email.links") is JsonArray links)
            {
                foreach (var link in links.Take(MaxLinks))
                {
                    if (link is JsonValue v && v.TryGetValue(out string? s) && DomainNames.HostOf(s) is { } h) yield return h;
                }
            }

            yield break;
        }

        if (!string.IsNullOrEmpty(e.Referrer) && e.Referrer != "-" && DomainNames.HostOf(e.Referrer) is { } r) yield return r;
    }

    /// <summary>The customer the domain reached: who reported or clicked the e-mail, or who arrived from the domain (the account, else the address).</summary>
    private static Entity? Victim(SecurityEvent e)
    {
        if (e.Action == EventActions.DomainObserved) return null;
        if (!string.IsNullOrEmpty(e.UserName) && e.UserName != "-") return Entity.User(e.UserName);
        if (e.Action != EventActions.EmailReported && !string.IsNullOrEmpty(e.SourceIp)) return Entity.Ip(e.SourceIp);
        return null;
    }

    private static string Source(SecurityEvent e) => e.Action switch
    {
        EventActions.DomainObserved => $"in the {e.GetString("domain.source") ?? "domain"} feed",
        EventActions.EmailReported => $"in an e-mail reported by {e.UserName ?? "a customer"}" + (e.GetString("email.subject") is { } s ? $" (subject \"{(s.Length > 80 ? s[..80] + "…" : s)}\")" : ""),
        _ => $"as the referrer of {e.Action ?? "a request"} {e.UrlPath ?? ""}".TrimEnd(),
    };

    private static Finding DomainFinding(SecurityEvent e, LookalikeMatch m)
    {
        var evidence = new Evidence();
        evidence.Add(e.Id, e.Timestamp);
        var severity = e.Action == EventActions.DomainObserved ? Severity.Medium : Severity.High;
        string explanation = $"lookalike of {m.Brand}: {m.Domain} ({m.Technique}: {m.Evidence}) seen {Source(e)}";
        return FindingBuilder.Create(DetectorName, DomainRule, "T1583.001", severity, 0.8, m.Domain, explanation, evidence, 1,
            [new Entity(DomainEntity, m.Domain)]);
    }

    private static Finding ExposureFinding(SecurityEvent e, DomainState state, Entity victim)
    {
        var evidence = new Evidence();
        evidence.Add(e.Id, e.Timestamp);
        string how = e.Action == EventActions.EmailReported ? "reported or clicked a link to" : "arrived from";
        string explanation = $"{(victim.Kind == EntityKinds.UserName ? "customer" : "address")} {victim.Value} {how} {state.Match.Domain}, a lookalike of {state.Match.Brand} ({state.Match.Technique}) first seen {state.FirstSeen:u}";
        return FindingBuilder.Create(DetectorName, ExposureRule, "T1566.002", Severity.Medium, 0.6, state.Match.Domain + "\n" + victim.Value, explanation, evidence, 1,
            [new Entity(DomainEntity, state.Match.Domain), victim]);
    }

    private sealed class DomainState(LookalikeMatch match, DateTimeOffset firstSeen)
    {
        public LookalikeMatch Match { get; } = match;
        public DateTimeOffset FirstSeen { get; } = firstSeen;
        public HashSet<Entity> Exposed { get; } = [];
    }
}
