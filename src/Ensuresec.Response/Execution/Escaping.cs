using System.Text.Json;

namespace Ensuresec.Response.Execution;

/// <summary>
/// Variable values often come from attackers (a user name, a URL path), so each is escaped for the place it
/// lands: JSON string escaping in JSON content, percent-encoding in an http-api URL, single quotes in a shell command.
/// </summary>
internal static class Escaping
{
    public static Func<string, string> ForCommand(string commandType) => commandType switch
    {
        "http-api" => Uri.EscapeDataString,
        "bash" or "ssh" => Shell,
        _ => static v => v,
    };

    public static Func<string, string> ForContent(string? content) =>
        content is not null && content.TrimStart().StartsWith('{') || content?.TrimStart().StartsWith('[') == true ? Json : static v => v;

    /// <summary>Escaped for use inside a JSON string literal (the playbook writes the quotes).</summary>
    public static string Json(string value) => JsonEncodedText.Encode(value).ToString();

    /// <summary>One shell word: single-quoted, with each ' written as '\''.</summary>
    public static string Shell(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
