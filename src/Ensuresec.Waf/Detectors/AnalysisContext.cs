using Ensuresec.Waf.Exclusions;
using Ensuresec.Waf.Model;

namespace Ensuresec.Waf.Detectors;

/// <summary>The findings of one request being analysed, filtered by paranoia level and exclusions, one per rule and place.</summary>
internal sealed class AnalysisContext
{
    private readonly HashSet<(string Rule, RequestPart Part, string Name)> _seen = [];

    public AnalysisContext(int paranoia, ExclusionSet exclusions)
    {
        Paranoia = paranoia;
        Exclusions = exclusions;
    }

    public int Paranoia { get; }

    public ExclusionSet Exclusions { get; }

    public string Path { get; private set; } = "/";

    public string? Host { get; private set; }

    /// <summary>The host of the Referer header, when there is one.</summary>
    public string? RefererHost { get; private set; }

    public List<WafFinding> Findings { get; } = [];

    /// <summary>How many times a rule fired at this paranoia level (before de-duplication and exclusions).</summary>
    public long Fired { get; private set; }

    public void Reset(string path, string? host, string? refererHost)
    {
        Path = path;
        Host = host;
        RefererHost = refererHost;
        Findings.Clear();
        _seen.Clear();
    }

    /// <summary>Whether rules of that level run.</summary>
    public bool Runs(int paranoia) => paranoia <= Paranoia;

    public void Add(AttackClass attack, string rule, string message, RequestPart part, string name, ReadOnlySpan<char> evidence, int paranoia, int score)
    {
        if (paranoia > Paranoia) return;
        Fired++;
        if (!_seen.Add((rule, part, name))) return;
        if (!Exclusions.IsEmpty && Exclusions.Excludes(Path, part, name, attack, rule)) return;
        string text = evidence.Length > WafFinding.MaxEvidence ? evidence[..WafFinding.MaxEvidence].ToString() : evidence.ToString();
        Findings.Add(new WafFinding(attack, rule, message, part, name, text, paranoia, score));
    }
}
