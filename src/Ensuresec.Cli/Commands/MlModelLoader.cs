using Ensuresec.Learning.Models;
using Ensuresec.Learning.Text;

namespace Ensuresec.Cli.Commands;

/// <summary>A model file as read for ml eval and ml score: a model on feature columns or a text classifier.</summary>
internal sealed record MlLoadedModel(IScoringModel? Model, TextClassifier? Text, ModelInfo Info);

/// <summary>Reads a model file for ml eval and ml score, turning every problem into a message naming the file.</summary>
internal static class MlModelLoader
{
    public static (MlLoadedModel? Model, string? Error) Load(string path)
    {
        try
        {
            var size = new FileInfo(path).Length;
            if (size > ModelFile.MaxBytes) return (null, $"{path}: {size} bytes; model files are at most {ModelFile.MaxBytes}");
            string json = File.ReadAllText(path);
            if (TextModelFile.IsText(json))
            {
                var text = TextModelFile.Read(json);
                return text.Model is null ? (null, $"{path}: {text.Error}") : (new MlLoadedModel(null, text.Model, text.Info!), null);
            }

            var read = ModelFile.Read(json);
            return read.Model is null ? (null, $"{path}: {read.Error}") : (new MlLoadedModel(read.Model, null, read.Info!), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, $"{path}: cannot read ({ex.Message})");
        }
    }
}
