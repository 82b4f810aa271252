namespace Ensuresec.Waf.Sigma;

/// <summary>A loaded Sigma rule: what it is, where it came from, and its compiled detection.</summary>
public sealed class SigmaRule
{
    private readonly IReadOnlyDictionary<string, SigmaSelection> _selections;
    private readonly SigmaCondition _condition;

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
    }

    public string File { get; }

    public string Id { get; }

    public string Title { get; }

    /// <summary>informational, low, medium, high or critical.</summary>
    public string Level { get; }

    /// <summary>logsource category or product (webserver, proxy, apache...).</summary>
    public string Category { get; }

    /// <summary>ATT&amp;CK technique ids from the attack.tNNNN tags (upper case).</summary>
    public IReadOnlyList<string> Techniques { get; }

    /// <summary>Whether the event (its fields by Sigma name) matches.</summary>
    public bool Matches(Func<string, string?> fields, IReadOnlyList<string> allValues)
    {
        var cache = new Dictionary<string, bool>(StringComparer.Ordinal);
        return _condition.Evaluate(name =>
        {
            if (!cache.TryGetValue(name, out bool hit)) cache[name] = hit = _selections[name].Matches(fields, allValues);
            return hit;
        });
    }
}
