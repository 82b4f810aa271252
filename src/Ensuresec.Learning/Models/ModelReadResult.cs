namespace Ensuresec.Learning.Models;

/// <summary>A model read from its file, or why it could not be (then <see cref="Model"/> is null).</summary>
public sealed record ModelReadResult(IScoringModel? Model, ModelInfo? Info, string? Error)
{
    /// <summary>The task the model was trained for.</summary>
    public string? Task => Info?.Task;

    internal static ModelReadResult Ok(IScoringModel model, ModelInfo info) => new(model, info, null);

    internal static ModelReadResult Fail(string error) => new(null, null, error);
}
