using Ensuresec.Core.Findings;
using Ensuresec.Demo.Scenario;
using Ensuresec.Detection.Incidents;

namespace Ensuresec.Demo.Scoring;

/// <summary>
/// Scores findings against a scenario's ground truth. A finding matches an attack when one of its entities
/// is one of the attack's actors (source.ip, user.name), cards, or, for a flood only, its target url.path,
/// and the finding was raised between the attack's start and its end plus a slack. Findings that match no
/// attack are benign findings. An attack that names its expected rules (AttackTruth.ExpectedRules) is detected
/// only by a matching finding of those rules.
/// </summary>
public static class Scorecard
{
    /// <summary>How long after an attack's last event a finding still counts for it (detectors may fire on a window's close).</summary>
    public static readonly TimeSpan DefaultSlack = TimeSpan.FromMinutes(30);

    /// <summary>Scores one seed.</summary>
    /// <param name="suggest">The mitigations to suggest for an incident, best first (the response library); none when null.</param>
    /// <param name="assetLinks">The scenario's asset map for the correlator (null: none).</param>
    public static ScenarioScore Evaluate(GroundTruth truth, IEnumerable<Finding> findings, TimeSpan? slack = null, Func<Incident, IReadOnlyList<string>>? suggest = null, IAssetLinkResolver? assetLinks = null)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(findings);
        TimeSpan s = slack ?? DefaultSlack;
        if (s < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(slack), slack, "not negative");

        var matchers = truth.Attacks.Select(a => new Matcher(a, s)).ToArray();
        var correlator = new IncidentCorrelator(null, assetLinks);
        var benignIds = new HashSet<string>(StringComparer.Ordinal);
        var benignByDetector = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var examples = new List<string>();
        int total = 0, benign = 0;
        foreach (var f in findings)
        {
            total++;
            correlator.Add(f);
            bool any = false;
            foreach (var m in matchers) any |= m.Offer(f);
            if (any) continue;
            benign++;
            benignIds.Add(f.Id);
            benignByDetector[f.Detector] = benignByDetector.GetValueOrDefault(f.Detector) + 1;
            if (examples.Count < 10) examples.Add($"{f.DetectedAt:yyyy-MM-dd HH:mm:ss} {f.Detector}/{f.RuleId}: {f.Explanation}");
        }

        return new ScenarioScore
        {
            Seed = truth.Seed,
            Attacks = matchers.Select(m => m.Score() with { Mitigations = Suggested(m, correlator.Incidents, suggest), Incidents = IncidentsOf(m, correlator) }).ToArray(),
            TotalFindings = total,
            BenignFindings = benign,
            BenignByDetector = benignByDetector.ToArray(),
            BenignExamples = examples,
            TotalIncidents = correlator.Incidents.Count,
            SharedIncidents = Shared(matchers, correlator),
            BenignIncidents = correlator.Incidents.Count(i => i.FindingIds.All(benignIds.Contains)),
        };
    }

    /// <summary>Combines the scorecards of several seeds.</summary>
    public static AggregateScore Aggregate(IEnumerable<ScenarioScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var list = scores.ToArray();
        var kinds = new List<KindSummary>();
        foreach (var kind in Enum.GetValues<AttackKind>())
        {
            var of = list.SelectMany(s => s.Attacks).Where(a => a.Attack.Kind == kind).ToArray();
            if (of.Length == 0) continue;
            var times = of.Where(a => a.TimeToDetect is not null).Select(a => a.TimeToDetect!.Value).Order().ToArray();
            kinds.Add(new KindSummary(
                kind,
                of.Length,
                of.Count(a => a.Detected),
                of.Count(a => a.Attack.Slow),
                of.Count(a => a.Attack.Slow && a.Detected),
                Percentile(times, 0.5),
                Percentile(times, 0.9)));
        }

        var byDetector = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var pair in list.SelectMany(s => s.BenignByDetector)) byDetector[pair.Key] = byDetector.GetValueOrDefault(pair.Key) + pair.Value;
        return new AggregateScore
        {
            Seeds = list.Select(s => s.Seed).ToArray(),
            Kinds = kinds,
            BenignFindingsPerSeed = list.Length == 0 ? 0 : list.Average(s => s.BenignFindings),
            BenignFindingsMax = list.Length == 0 ? 0 : list.Max(s => s.BenignFindings),
            BenignIncidents = list.Sum(s => s.BenignIncidents),
            BenignByDetector = byDetector.ToArray(),
            Scores = list,
        };
    }

    /// <summary>Nearest-rank percentile of sorted values; null when empty.</summary>
    internal static TimeSpan? Percentile(TimeSpan[] sorted, double p)
    {
        if (sorted.Length == 0) return null;
        int rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    // How many tickets the attack gave an analyst: the distinct incidents of its findings.
    private static int IncidentsOf(Matcher m, IncidentCorrelator correlator) =>
        m.FindingIds.Select(correlator.IncidentIdOf).Distinct(StringComparer.Ordinal).Count();

    // Incidents that hold findings of more than one attack.
    private static int Shared(Matcher[] matchers, IncidentCorrelator correlator) =>
        matchers.SelectMany((m, i) => m.FindingIds.Select(id => (Incident: correlator.IncidentIdOf(id), Attack: i)))
            .Distinct()
            .GroupBy(x => x.Incident, StringComparer.Ordinal)
            .Count(g => g.Count() > 1);

    // What an analyst would be offered: the suggestions for the incident that holds most of the attack's findings.
    private static IReadOnlyList<string> Suggested(Matcher m, IEnumerable<Incident> incidents, Func<Incident, IReadOnlyList<string>>? suggest)
    {
        if (suggest is null || m.FindingIds.Count == 0) return [];
        var best = incidents.MaxBy(i => i.FindingIds.Count(m.FindingIds.Contains));
        return best is null || !best.FindingIds.Any(m.FindingIds.Contains) ? [] : suggest(best);
    }

    private sealed class Matcher(AttackTruth attack, TimeSpan slack)
    {
        private readonly HashSet<string> _ips = new(attack.Addresses, StringComparer.Ordinal);
        private readonly HashSet<string> _users = new(attack.Accounts, StringComparer.Ordinal);
        private readonly HashSet<string> _cards = new(attack.Cards, StringComparer.Ordinal);
        private readonly HashSet<Entity> _assets = [.. attack.Assets];
        private readonly SortedSet<string> _detectors = new(StringComparer.Ordinal);
        private readonly DateTimeOffset _until = attack.End + slack;
        private DateTimeOffset? _first;
        private int _count;

        public HashSet<string> FindingIds { get; } = new(StringComparer.Ordinal);

        public bool Offer(Finding f)
        {
            if (f.DetectedAt < attack.Start || f.DetectedAt > _until) return false;
            if (!f.Entities.Any(Involves)) return false;
            _count++;
            FindingIds.Add(f.Id);
            _detectors.Add(f.Detector);
            bool ofExpectedRules = attack.ExpectedRules is null || f.RuleId.StartsWith(attack.ExpectedRules, StringComparison.Ordinal);
            if (ofExpectedRules && (_first is null || f.DetectedAt < _first)) _first = f.DetectedAt;
            return true;
        }

        public AttackScore Score() => new(attack, _first is not null, _first - attack.Start, _count, _detectors.ToArray());

        private bool Involves(Entity e) => e.Kind switch
        {
            EntityKinds.SourceIp => _ips.Contains(e.Value),
            EntityKinds.UserName => _users.Contains(e.Value),
            EntityKinds.Card => _cards.Contains(e.Value),
            EntityKinds.UrlPath => attack.TargetPath is not null && string.Equals(attack.TargetPath, e.Value, StringComparison.Ordinal),
            _ => _assets.Contains(e),
        };
    }
}
