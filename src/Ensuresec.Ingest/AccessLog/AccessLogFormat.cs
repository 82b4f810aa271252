using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Ensuresec.Ingest;

/// <summary>
/// A web server access-log layout compiled once from an nginx <c>log_format</c> string: literals between variables,
/// each variable running up to the next literal. Immutable and thread-safe.
/// </summary>
public sealed class AccessLogFormat
{
    /// <summary>Longest log_format string accepted.</summary>
    public const int MaxFormatLength = 4096;

    /// <summary>The nginx/Apache combined format.</summary>
    public static AccessLogFormat Combined { get; } = CompileOrThrow(
        "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent \"$http_referer\" \"$http_user_agent\"");

    /// <summary>The common log format (combined without referrer and user agent).</summary>
    public static AccessLogFormat Common { get; } = CompileOrThrow(
        "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent");

    private AccessLogFormat(string text, AccessLogSegment[] segments)
    {
        Text = text;
        Segments = segments;
        Variables = segments.Where(s => !s.IsLiteral).Select(s => s.Name!).ToArray();
    }

    /// <summary>The format string as compiled (config quoting removed).</summary>
    public string Text { get; }

    /// <summary>The variable names in order of appearance.</summary>
    public IReadOnlyList<string> Variables { get; }

    internal AccessLogSegment[] Segments { get; }

    /// <summary>
    /// Compiles an nginx log_format, either bare (<c>$remote_addr - ...</c>) or as written in nginx.conf
    /// (one or more single-quoted strings, e.g. <c>'$remote_addr - ' '"$request"'</c>).
    /// </summary>
    /// <returns>False, with <paramref name="error"/> naming the problem and its column, for a format that cannot be matched.</returns>
    public static bool TryCompile(string nginxLogFormat, [NotNullWhen(true)] out AccessLogFormat? format, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(nginxLogFormat);
        format = null;
        if (nginxLogFormat.Length > MaxFormatLength)
        {
            error = $"log_format is {nginxLogFormat.Length} characters, over the limit of {MaxFormatLength}";
            return false;
        }

        string text = nginxLogFormat.Trim();
        if (text.StartsWith('\'') && !TryUnquoteConfig(text, out text, out error)) return false;
        if (text.Length == 0)
        {
            error = "log_format is empty";
            return false;
        }

        var segments = new List<AccessLogSegment>();
        var literal = new StringBuilder();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c != '$')
            {
                literal.Append(c);
                i++;
                continue;
            }

            int column = i + 1;
            if (!TryReadName(text, ref i, out string? name, out error)) return false;
            if (literal.Length > 0)
            {
                segments.Add(AccessLogSegment.Text(literal.ToString()));
                literal.Clear();
            }
            else if (segments.Count > 0)
            {
                error = $"variables ${segments[^1].Name} and ${name} (column {column}) have no literal text between them, so the line cannot be split";
                return false;
            }

            segments.Add(new AccessLogSegment(null, name, Classify(name), false));
        }

        if (literal.Length > 0) segments.Add(AccessLogSegment.Text(literal.ToString()));
        if (!segments.Any(s => !s.IsLiteral))
        {
            error = "log_format has no variables";
            return false;
        }

        if (!segments.Any(s => s.Variable is AccessLogVariable.TimeLocal or AccessLogVariable.TimeIso8601 or AccessLogVariable.Msec))
        {
            error = "log_format has no time variable ($time_local, $time_iso8601 or $msec); every event needs a timestamp";
            return false;
        }

        MarkQuoted(segments);
        format = new AccessLogFormat(text, segments.ToArray());
        error = null;
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => Text;

    internal static AccessLogVariable Classify(string name) => name switch
    {
        "remote_addr" => AccessLogVariable.RemoteAddr,
        "remote_user" => AccessLogVariable.RemoteUser,
        "time_local" => AccessLogVariable.TimeLocal,
        "time_iso8601" => AccessLogVariable.TimeIso8601,
        "msec" => AccessLogVariable.Msec,
        "request" => AccessLogVariable.Request,
        "request_method" => AccessLogVariable.RequestMethod,
        "request_uri" => AccessLogVariable.RequestUri,
        "uri" => AccessLogVariable.Uri,
        "args" or "query_string" => AccessLogVariable.Args,
        "status" => AccessLogVariable.Status,
        "body_bytes_sent" => AccessLogVariable.BodyBytesSent,
        "bytes_sent" => AccessLogVariable.BytesSent,
        "http_referer" => AccessLogVariable.HttpReferer,
        "http_user_agent" => AccessLogVariable.HttpUserAgent,
        "http_x_forwarded_for" => AccessLogVariable.HttpXForwardedFor,
        "request_time" => AccessLogVariable.RequestTime,
        "host" or "server_name" => AccessLogVariable.Host,
        _ => AccessLogVariable.Other,
    };

    private static AccessLogFormat CompileOrThrow(string text) =>
        TryCompile(text, out var format, out string? error) ? format : throw new InvalidOperationException(error);

    private static bool TryReadName(string text, ref int i, [NotNullWhen(true)] out string? name, [NotNullWhen(false)] out string? error)
    {
        int column = i + 1;
        i++;
        bool braced = i < text.Length && text[i] == '{';
        if (braced) i++;
        int start = i;
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_')) i++;
        name = text[start..i];
        if (name.Length == 0)
        {
            error = $"'$' at column {column} is not followed by a variable name";
            name = null;
            return false;
        }

        if (braced)
        {
            if (i >= text.Length || text[i] != '}')
            {
                error = $"'${{' at column {column} is not closed by '}}'";
                name = null;
                return false;
            }

            i++;
        }

        error = null;
        return true;
    }

    // nginx.conf writes a format as adjacent single-quoted strings; a backslash escapes the next character.
    private static bool TryUnquoteConfig(string text, out string unquoted, [NotNullWhen(false)] out string? error)
    {
        var sb = new StringBuilder(text.Length);
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c) || (c == ';' && i == text.Length - 1))
            {
                i++;
                continue;
            }

            if (c != '\'')
            {
                error = $"unexpected '{c}' at column {i + 1} outside the quoted strings of the log_format";
                unquoted = "";
                return false;
            }

            int open = i++;
            while (true)
            {
                if (i >= text.Length)
                {
                    error = $"quote opened at column {open + 1} is never closed";
                    unquoted = "";
                    return false;
                }

                char d = text[i++];
                if (d == '\'') break;
                if (d == '\\' && i < text.Length) d = text[i++];
                sb.Append(d);
            }
        }

        unquoted = sb.ToString();
        error = null;
        return true;
    }

    private static void MarkQuoted(List<AccessLogSegment> segments)
    {
        for (int k = 1; k + 1 < segments.Count; k++)
        {
            var s = segments[k];
            if (s.IsLiteral) continue;
            if (segments[k - 1].Literal!.EndsWith('"') && segments[k + 1].Literal!.StartsWith('"'))
            {
                segments[k] = s with { Quoted = true };
            }
        }
    }
}
