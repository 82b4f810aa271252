namespace Ensuresec.Learning.Models;

/// <summary>A model file that cannot be used; caught inside <see cref="ModelFile.Read"/> and turned into a result.</summary>
internal sealed class ModelFormatException(string message) : Exception(message);
