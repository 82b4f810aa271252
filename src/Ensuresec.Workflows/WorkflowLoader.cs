using System.Text;
using Ensuresec.Workflows.Language;
using Ensuresec.Workflows.Model;

namespace Ensuresec.Workflows;

/// <summary>Reads, parses and checks a workflow file; every problem comes back as an error with file, line and column.</summary>
internal static class WorkflowLoader
{
    /// <summary>Largest workflow file read (workflows are hand-written; anything larger is a mistake or an attack).</summary>
    public const int MaxFileBytes = 1 << 20;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Workflow? Load(string path, out IReadOnlyList<WorkflowError> errors)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                errors = [new WorkflowError(path, 0, 0, "file not found")];
                return null;
            }

            if (info.Length > MaxFileBytes)
            {
                errors = [new WorkflowError(path, 0, 0, $"file is {info.Length} bytes; at most {MaxFileBytes}")];
                return null;
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors = [new WorkflowError(path, 0, 0, "cannot read: " + e.Message)];
            return null;
        }

        return FromBytes(bytes, path, out errors);
    }

    public static Workflow? FromBytes(byte[] bytes, string file, out IReadOnlyList<WorkflowError> errors)
    {
        if (bytes.Length > MaxFileBytes)
        {
            errors = [new WorkflowError(file, 0, 0, $"file is {bytes.Length} bytes; at most {MaxFileBytes}")];
            return null;
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            errors = [new WorkflowError(file, 0, 0, "not valid UTF-8")];
            return null;
        }

        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        return Parse(text, file, out errors);
    }

    public static Workflow? Parse(string text, string file, out IReadOnlyList<WorkflowError> errors)
    {
        if (!Parser.TryParse(text, out var syntax, out var syntaxError))
        {
            errors = [new WorkflowError(file, syntaxError.Pos.Line, syntaxError.Pos.Column, syntaxError.Message)];
            return null;
        }

        var workflow = Binder.Bind(syntax!, file, out var semantic);
        errors = [.. semantic.Select(e => new WorkflowError(file, e.Pos.Line, e.Pos.Column, e.Message))];
        return workflow;
    }
}
