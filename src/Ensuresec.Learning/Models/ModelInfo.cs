namespace Ensuresec.Learning.Models;

/// <summary>What a model file records besides the model: its task and how its training data was read.</summary>
/// <param name="Task">What the model is for (fraud, phishing, ...).</param>
/// <param name="Label">The label column it was trained on.</param>
/// <param name="Positive">The label value taken as positive, when not 0/1.</param>
/// <param name="Id">The row id column of its data.</param>
/// <param name="Text">The text column a text classifier reads.</param>
public sealed record ModelInfo(string Task, string? Label = null, string? Positive = null, string? Id = null, string? Text = null);
