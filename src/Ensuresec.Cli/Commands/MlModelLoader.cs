using Ensuresec.Learning.Models;

namespace Ensuresec.Cli.Commands;

/// <summary>Reads a model file for ml eval and ml score, turning every problem into a message naming the file.</summary>
internal static class MlModelLoader
{
    public static (IScoringModel? Model, ModelInfo? Info, string? Error) Load(string path)
    {
        try
        {
            var size = new FileInfo(path).Length;
            if (size > ModelFile.MaxBytes) return (null, null, $"{path}: {size} bytes; model files are at most {ModelFile.MaxBytes}");
            var read = ModelFile.Read(File.ReadAllText(path));
            return read.Model is null ? (null, null, $"{path}: {read.Error}") : (read.Model, read.Info, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, null, $"{path}: cannot read ({ex.Message})");
        }
    }
}
