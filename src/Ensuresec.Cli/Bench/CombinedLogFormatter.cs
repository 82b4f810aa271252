using System.Globalization;
using System.Text;
using Ensuresec.Core.Events;

namespace Ensuresec.Cli.Bench;

/// <summary>Writes a web request event as an nginx/Apache combined log line, escaping quotes and backslashes as nginx does.</summary>
internal static class CombinedLogFormatter
{
    public static void Append(StringBuilder sb, SecurityEvent e)
    {
        sb.Append(e.SourceIp ?? "-").Append(" - ").Append(string.IsNullOrEmpty(e.UserName) ? "-" : Escaped(e.UserName)).Append(" [");
        sb.Append(e.Timestamp.ToUniversalTime().ToString("dd/MMM/yyyy:HH:mm:ss", CultureInfo.InvariantCulture)).Append(" +0000] \"");
        sb.Append(e.HttpMethod ?? "GET").Append(' ').Append(Escaped(e.UrlPath ?? "/"));
        if (!string.IsNullOrEmpty(e.UrlQuery)) sb.Append('?').Append(Escaped(e.UrlQuery));
        sb.Append(" HTTP/").Append(e.HttpVersion ?? "1.1").Append("\" ");
        sb.Append((e.StatusCode ?? 200).ToString(CultureInfo.InvariantCulture)).Append(' ');
        sb.Append(e.ResponseBytes is { } b ? b.ToString(CultureInfo.InvariantCulture) : "-").Append(" \"");
        sb.Append(Escaped(e.Referrer ?? "-")).Append("\" \"").Append(Escaped(e.UserAgent ?? "-")).Append('"');
    }

    private static string Escaped(string s) =>
        s.AsSpan().IndexOfAny('"', '\\') < 0 ? s : s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
