using System.Text;
using System.Text.Json;

namespace Ensuresec.Response.Cacao;

/// <summary>
/// Reads CACAO 2.0 playbook JSON into the model. Never throws on bad input: size, encoding, syntax, nesting and
/// missing or mistyped properties become problems naming the source and the JSON path.
/// </summary>
public static class PlaybookReader
{
    /// <summary>Largest playbook accepted (the OASIS examples are a few kilobytes).</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    public const int MaxDepth = 64;

    public static PlaybookLoad Read(byte[] utf8, string source)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        if (utf8.Length > MaxBytes) return Fail(source, "", $"playbook is {utf8.Length} bytes, more than the {MaxBytes} allowed");
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(utf8);
        }
        catch (DecoderFallbackException e)
        {
            return Fail(source, "", $"not UTF-8 text (byte {e.Index})");
        }

        return Read(text, source);
    }

    public static PlaybookLoad Read(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxBytes) return Fail(source, "", $"playbook is longer than {MaxBytes} characters");
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = MaxDepth });
            root = doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return Fail(source, "", $"not valid JSON at line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}: {FirstSentence(e.Message)}");
        }

        var problems = new List<PlaybookProblem>();
        var playbook = new ModelBuilder(source, problems).Playbook(root);
        return new PlaybookLoad(source, playbook, root, problems);
    }

    private static string FirstSentence(string message)
    {
        int dot = message.IndexOf(". ", StringComparison.Ordinal);
        return dot < 0 ? message : message[..dot];
    }

    private static PlaybookLoad Fail(string source, string path, string message) =>
        new(source, null, null, [new PlaybookProblem(ProblemLevel.Error, source, path, message)]);
}
