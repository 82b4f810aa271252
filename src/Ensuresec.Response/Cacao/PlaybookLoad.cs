using System.Text.Json;

namespace Ensuresec.Response.Cacao;

/// <summary>A playbook read from JSON: the model when the structure allowed building one, its JSON, and every problem found.</summary>
public sealed record PlaybookLoad(string Source, CacaoPlaybook? Playbook, JsonElement? Json, IReadOnlyList<PlaybookProblem> Problems)
{
    public bool IsValid => Playbook is not null && Problems.All(p => p.Level != ProblemLevel.Error);

    public IEnumerable<PlaybookProblem> Errors => Problems.Where(p => p.Level == ProblemLevel.Error);
}
