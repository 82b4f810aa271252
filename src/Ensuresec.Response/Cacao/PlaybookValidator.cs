namespace Ensuresec.Response.Cacao;

/// <summary>Reads a playbook and runs every check: structure, the JSON Schemas when a schemas folder is given, and the workflow.</summary>
public static class PlaybookValidator
{
    public static PlaybookLoad Validate(string text, string source, CacaoSchemas? schemas)
    {
        var load = PlaybookReader.Read(text, source);
        return Complete(load, schemas);
    }

    public static PlaybookLoad ValidateFile(string path, CacaoSchemas? schemas)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > PlaybookReader.MaxBytes)
                return new PlaybookLoad(path, null, null, [new PlaybookProblem(ProblemLevel.Error, path, "", $"file is {info.Length} bytes, more than the {PlaybookReader.MaxBytes} allowed")]);
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new PlaybookLoad(path, null, null, [new PlaybookProblem(ProblemLevel.Error, path, "", $"cannot read: {e.Message}")]);
        }

        return Complete(PlaybookReader.Read(bytes, path), schemas);
    }

    private static PlaybookLoad Complete(PlaybookLoad load, CacaoSchemas? schemas)
    {
        var problems = load.Problems.ToList();
        if (schemas is not null) problems.AddRange(schemas.Validate(load));
        if (load.Playbook is not null) problems.AddRange(WorkflowCheck.Check(load.Playbook, load.Source));
        return load with { Problems = problems };
    }
}
