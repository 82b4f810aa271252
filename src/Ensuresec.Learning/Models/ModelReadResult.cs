namespace Ensuresec.Learning.Models;

/// <summary>A model read from its file, or why it could not be (then <see cref="Model"/> is null).</summary>
public sealed record ModelReadResult(IScoringModel? Model, string? Task, string? Error)
{
    internal static ModelReadResult Ok(IScoringModel model, string task) => new(model, task, null);

    internal static ModelReadResult Fail(string error) => new(null, null, error);
}
