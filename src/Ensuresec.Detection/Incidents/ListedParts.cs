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
    private bool _morePhrases;

    private ListedParts()
    {
    }

    /// <summary>"Credential stuffing then account takeover": see <see cref="IncidentTitles.What"/>.</summary>
    public string What { get; private set; } = string.Empty;

    public IReadOnlyList<string> FindingIds => new PrefixList<string>(_ids, _ids.Count);

    public IReadOnlyList<string> Techniques => new PrefixList<string>(_techniques, _techniques.Count);

    public IReadOnlyList<IncidentStep> Story => new PrefixList<IncidentStep>(_story, _story.Count);

    public static ListedParts Of(IEnumerable<Finding> listedInTimeOrder)
    {
        var parts = new ListedParts();
        foreach (var f in listedInTimeOrder) parts.Append(f);
        return parts;
    }

    /// <summary>Adds a finding that comes after every listed one.</summary>
    public void Append(Finding f)
    {
        _ids.Add(f.Id);
        if (_seenTechniques.Add(f.Technique)) _techniques.Add(f.Technique);
        _story.Add(new IncidentStep(f.DetectedAt, f.Id, f.RuleId, f.Technique, f.Severity, f.Explanation));
        if (_morePhrases) return;
        string phrase = IncidentTitles.Phrase(f);
        if (_phrases.Contains(phrase)) return;
        if (_phrases.Count == MaxPhrases) _morePhrases = true;
        else _phrases.Add(phrase);
        What = IncidentTitles.What(_phrases, _morePhrases);
    }
}
