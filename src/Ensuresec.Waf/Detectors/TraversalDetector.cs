using System.Buffers;
using Ensuresec.Waf.Inputs;
using Ensuresec.Waf.Model;
using Ensuresec.Waf.Normalization;

namespace Ensuresec.Waf.Detectors;

/// <summary>
/// Path traversal and local file inclusion: "../" and "..\" segments after all decoding (overlong and %u forms
/// included), and the operating-system files attackers read (/etc/passwd, win.ini, /proc/self/environ...).
/// </summary>
internal static class TraversalDetector
{
    private const AttackClass Lfi = AttackClass.PathTraversal;

    private static readonly string[] Files =
    [
        "etc/passwd", "etc/shadow", "etc/group", "etc/hosts", "etc/issue", "etc/motd", "etc/mysql", "etc/httpd", "etc/apache",
        "etc/nginx", "etc/crontab", "etc/sudoers", "etc/ssh", "etc/security", "etc/master.passwd", "etc/pwd.db", "etc/profile",
        "proc/self/", "proc/version", "proc/cmdline", "proc/mounts", "proc/net/", "var/log/", "boot.ini", "win.ini",
        "system.ini", "windows/system32", "winnt/system32", "system32/drivers/etc", "autoexec.bat", "/.htpasswd", "/.bash_history",
        "/.ssh/id_rsa", "/.ssh/authorized_keys", "/.aws/credentials", "web-inf/web.xml", "meta-inf/manifest.mf", "/.git/config",
        "/.env", "wp-config.php", "localsettings.php", "configuration.php", "/app/etc/env.php", "/app/etc/local.xml",
        "/config/parameters.php", "/.npmrc", "/.docker/config.json", "/id_rsa", "/.mysql_history", "/.viminfo",
    ];

    private static readonly SearchValues<string> FileSearch = SearchValues.Create(Files, StringComparison.Ordinal);

    public static void Inspect(in RequestInput input, in NormalizedValue value, AnalysisContext ctx)
    {
        string s = value.Lower;
        int dots = s.IndexOf("..", StringComparison.Ordinal);
        if (dots >= 0)
        {
            int segments = 0;
            for (int i = dots; i >= 0 && i < s.Length; i = s.IndexOf("..", i + 2, StringComparison.Ordinal))
            {
                char before = i == 0 ? '/' : s[i - 1];
                char after = i + 2 < s.Length ? s[i + 2] : '/';
                if ((before is '/' or '\\' or '=' or ' ' or ';' or ':' || i == 0) && after is '/' or '\\' or ';') segments++;
            }

            if (segments > 0)
            {
                ctx.Add(Lfi, "ES-WAF-930-TRAVERSAL", $"path traversal ({segments} '..' segment{(segments > 1 ? "s" : string.Empty)})", input.Part, input.Name, KeywordScanner.Around(s, dots, 3), 1, Score.Critical);
            }
        }

        string normalizedSlashes = s.Contains('\\', StringComparison.Ordinal) ? s.Replace('\\', '/') : s;
        int at = normalizedSlashes.AsSpan().IndexOfAny(FileSearch);
        if (at >= 0 && (input.Part != RequestPart.Path || at == 0 || normalizedSlashes[at - 1] == '/'))
        {
            ctx.Add(Lfi, "ES-WAF-930-OS-FILE", "access to an operating-system or application secret file", input.Part, input.Name, KeywordScanner.Around(normalizedSlashes, at, 10), 1, Score.Critical);
        }

        if ((value.Flags & NormalizationFlags.OverlongUtf8) != 0 && s.Contains('/', StringComparison.Ordinal) && s.Contains("..", StringComparison.Ordinal))
        {
            ctx.Add(Lfi, "ES-WAF-930-ENCODED-TRAVERSAL", "traversal hidden by overlong UTF-8", input.Part, input.Name, s, 1, Score.Critical);
        }
    }
}
