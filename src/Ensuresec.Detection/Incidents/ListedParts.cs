using Ensuresec.Core.Findings;

namespace Ensuresec.Detection.Incidents;

/// <summary>
/// The parts of an incident's snapshot that depend only on its listed (earliest) findings: finding ids, techniques,
/// story and the title's "what happened". A finding that joins after the listed ones is appended in O(1); snapshots
/// get fixed-length views, so what was handed out never changes while the lists grow.
/// </summary>
internal sealed class ListedParts
{
    private const int MaxPhrases = 3;
    private readonly List<string> _ids = [];
    private readonly List<string> _techniques = [];
    private readonly HashSet<string> _seenTechniques = new(StringComparer.Ordinal);
    private readonly List<IncidentStep> _story = [];
    private readonly List<string> _phrases = [];
    private readonly Func<Finding, string> _explain;
    private bool _morePhrases;

    private ListedParts(Func<Finding, string> explain)
    {
        _explain = explain;
    }

    /// <summary>"Credential stuffing then account takeover": see <see cref="IncidentTitles.What"/>.</summary>
    public string What { get; private set; } = string.Empty;

    public IReadOnlyList<string> FindingIds => new PrefixList<string>(_ids, _ids.Count);

    public IReadOnlyList<string> Techniques => new PrefixList<string>(_techniques, _techniques.Count);

    public IReadOnlyList<IncidentStep> Story => new PrefixList<IncidentStep>(_story, _story.Count);

    /// <param name="explain">A story step's text for a finding (its explanation, with any asset-map join it came by).</param>
    public static ListedParts Of(IEnumerable<Finding> listedInTimeOrder, Func<Finding, string> explain)
    {
        var parts = new ListedParts(explain);
        foreach (var f in listedInTimeOrder) parts.Append(f);
        return parts;
    }

    /// <summary>Adds a finding that comes after every listed one.</summary>
    public void Append(Finding f)
    {
        _ids.Add(f.Id);
        if (_seenTechniques.Add(f.Technique)) _techniques.Add(f.Technique);
        _story.Add(new IncidentStep(f.DetectedAt, f.Id, f.RuleId, f.Technique, f.Severity, _explain(f)));
        if (_morePhrases) return;
        string phrase = IncidentTitles.Phrase(f);
        if (_phrases.Contains(phrase)) return;
        if (_phrases.Count == MaxPhrases) _morePhrases = true;
        else _phrases.Add(phrase);
        What = IncidentTitles.What(_phrases, _morePhrases);
    }
}
