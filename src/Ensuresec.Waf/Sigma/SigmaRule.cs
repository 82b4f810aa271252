namespace Ensuresec.Waf.Sigma;

/// <summary>A loaded Sigma rule: what it is, where it came from, and its compiled detection.</summary>
public sealed class SigmaRule
{
    private readonly IReadOnlyDictionary<string, SigmaSelection> _selections;
    private readonly SigmaCondition _condition;
    private readonly string[] _evidenceOrder;

    internal SigmaRule(string file, string id, string title, string level, string category, IReadOnlyList<string> techniques,
        IReadOnlyDictionary<string, SigmaSelection> selections, SigmaCondition condition)
    {
        File = file;
        Id = id;
        Title = title;
        Level = level;
        Category = category;
        Techniques = techniques;
        _selections = selections;
        _condition = condition;
        var positive = new List<string>();
        condition.Positive(positive);
        _evidenceOrder = [.. positive.Distinct(StringComparer.Ordinal)];
        Needles = condition.Needles(n => selections[n].Needles());
        UnmappedFields = [.. selections.Values.SelectMany(s => s.UnmappedFields).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    public string File { get; private init; }

    /// <summary>The same rule, known by another file path (e.g. with its folder).</summary>
    internal SigmaRule WithFile(string file) => new(file, Id, Title, Level, Category, Techniques, _selections, _condition);

    public string Id { get; }

    public string Title { get; }

    /// <summary>informational, low, medium, high or critical.</summary>
    public string Level { get; }

    /// <summary>The level as a finding's severity (informational and unknown levels: info).</summary>
    public Ensuresec.Core.Events.Severity Severity => Level.ToLowerInvariant() switch
    {
        "critical" => Ensuresec.Core.Events.Severity.Critical,
        "high" => Ensuresec.Core.Events.Severity.High,
        "medium" => Ensuresec.Core.Events.Severity.Medium,
        "low" => Ensuresec.Core.Events.Severity.Low,
        _ => Ensuresec.Core.Events.Severity.Info,
    };

    /// <summary>logsource category or product (webserver, proxy, apache...).</summary>
    public string Category { get; }

    /// <summary>ATT&amp;CK technique ids from the attack.tNNNN tags (upper case).</summary>
    public IReadOnlyList<string> Techniques { get; }

    /// <summary>Field names the rule reads that our web events never carry (such conditions never hold).</summary>
    public IReadOnlyList<string> UnmappedFields { get; }

    /// <summary>Upper-cased literals of which one is in the event whenever the rule matches; null: it must always be evaluated.</summary>
    internal Needles? Needles { get; }

    /// <summary>Whether the rule is for web servers (category webserver, products apache, nginx, iis) rather than proxies.</summary>
    public bool IsWebserver => Category is "webserver" or "apache" or "nginx" or "iis";

    /// <summary>Whether the event matches; <paramref name="evidence"/> is the field and value of a search that made it match.</summary>
    public bool Matches(WebFieldValues fields, out SigmaEvidence? evidence)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var results = new Dictionary<string, (bool Hit, SigmaEvidence? Evidence)>(StringComparer.Ordinal);
        bool hit = _condition.Evaluate(name =>
        {
            if (!results.TryGetValue(name, out var r))
            {
                bool m = _selections[name].Matches(fields, out var ev);
                results[name] = r = (m, ev);
            }

            return r.Hit;
        });
        evidence = null;
        if (!hit) return false;
        // The first telling evidence (a method or status alone says little), else the first at all.
        foreach (string name in _evidenceOrder)
        {
            if (!results.TryGetValue(name, out var r) || !r.Hit || r.Evidence is null) continue;
            evidence ??= r.Evidence;
            if (r.Evidence.IsTelling)
            {
                evidence = r.Evidence;
                break;
            }
        }

        return true;
    }

    /// <summary>Whether the event (its fields by Sigma name) matches.</summary>
    public bool Matches(Func<string, string?> fields, IReadOnlyList<string> allValues) => Matches(WebFieldValues.From(fields), out _);
}
