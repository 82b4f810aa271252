namespace Ensuresec.Response.Cacao;

/// <summary>A CACAO workflow step (section 4); only the properties of its type are set.</summary>
public sealed record CacaoStep
{
    public required string Id { get; init; }
    public required string Type { get; init; }
    public string? Name { get; init; }
    public string? OnCompletion { get; init; }
    public string? OnSuccess { get; init; }
    public string? OnFailure { get; init; }
    public IReadOnlyList<string> NextSteps { get; init; } = [];
    public string? Condition { get; init; }
    public string? OnTrue { get; init; }
    public string? OnFalse { get; init; }
    public string? Switch { get; init; }
    public IReadOnlyDictionary<string, string> Cases { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<CacaoCommand> Commands { get; init; } = [];
    public string? Agent { get; init; }
    public IReadOnlyList<string> Targets { get; init; } = [];
    public IReadOnlyList<string> OutArgs { get; init; } = [];
    public IReadOnlyDictionary<string, CacaoVariable> Variables { get; init; } = new Dictionary<string, CacaoVariable>();
    public string? PlaybookId { get; init; }
    public int? TimeoutMs { get; init; }

    /// <summary>Milliseconds to wait before the step starts (CACAO 'delay').</summary>
    public int? DelayMs { get; init; }

    /// <summary>Every step this one can lead to, with the property that names it.</summary>
    public IEnumerable<(string Property, string Target)> Successors()
    {
        if (OnCompletion is not null) yield return ("on_completion", OnCompletion);
        if (OnSuccess is not null) yield return ("on_success", OnSuccess);
        if (OnFailure is not null) yield return ("on_failure", OnFailure);
        if (OnTrue is not null) yield return ("on_true", OnTrue);
        if (OnFalse is not null) yield return ("on_false", OnFalse);
        for (int i = 0; i < NextSteps.Count; i++) yield return ($"next_steps[{i}]", NextSteps[i]);
        foreach (var (value, target) in Cases) yield return ($"cases.{value}", target);
    }
}
