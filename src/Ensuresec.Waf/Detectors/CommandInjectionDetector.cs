using System.Buffers;
using System.Text;
using Ensuresec.Waf.Inputs;
using Ensuresec.Waf.Model;
using Ensuresec.Waf.Normalization;

namespace Ensuresec.Waf.Detectors;

/// <summary>
/// OS command injection for Unix and Windows shells. The value is first read as a shell would after its own
/// unquoting: quotes, backslashes and carets inside words vanish, $IFS and ${...} expansions become what they
/// expand to, so "c'a't /e\tc/pa''sswd" reads "cat /etc/passwd". Then: a command separator (; | &amp; ` $( newline)
/// followed by a known command or a globbed path; a value that is itself a command line with arguments; cmd.exe
/// FOR and IF constructs; Windows tools that fetch or run code.
/// </summary>
internal static class CommandInjectionDetector
{
    private const AttackClass Cmd = AttackClass.CommandInjection;
    private static readonly SearchValues<char> Gate = SearchValues.Create(";|&`$\n\r(%'\"\\^/");

    private static readonly HashSet<string> Commands = new(
        """
        cat tac more less head tail nl od xxd hexdump strings ls dir id whoami uname hostname ifconfig ipconfig netstat ps pwd env
        printenv echo printf wget curl fetch lwp-download lwp-request lynx nc ncat netcat socat telnet ssh scp ftp tftp bash sh zsh
        ksh csh tcsh dash python python2 python3 perl ruby php node lua awk gawk sed find xargs chmod chown chgrp rm mv cp touch
        mkdir kill killall pkill sleep ping nslookup dig traceroute base64 openssl gcc make crontab nohup sudo su passwd useradd
        uptime who last df mount systemctl service tar zip unzip gzip gunzip bzip2 eval exec sort grep egrep fgrep rev cut
        tee vi vim nano timeout jq type net certutil bitsadmin wmic reg rundll32 regsvr32 mshta cscript wscript powershell pwsh cmd
        tasklist taskkill systeminfo whoami.exe cmd.exe powershell.exe ipconfig.exe net.exe sc schtasks at xcopy copy del erase
        icacls cacls findstr ver set start call wsl telnet.exe nmap msfconsole
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);

    /// <summary>Commands that as the whole value with arguments are an attack even without a separator.</summary>
    private static readonly HashSet<string> StrongCommands = new(
        ["wget", "curl", "nc", "ncat", "netcat", "socat", "bash", "sh", "zsh", "python", "python3", "perl", "ruby", "php", "chmod", "rm",
         "cat", "uname", "whoami", "nslookup", "ping", "telnet", "powershell", "cmd", "cmd.exe", "certutil", "bitsadmin", "wmic", "mshta", "rundll32", "lwp-download", "echo", "id"],
        StringComparer.Ordinal);

    public static void Inspect(in RequestInput input, in NormalizedValue value, AnalysisContext ctx)
    {
        string raw = value.Lower;
        if (raw.Length < 2) return;
        bool gated = raw.AsSpan().IndexOfAny(Gate) >= 0;
        string s = gated ? ShellView(raw) : raw;
        if (gated) Separators(input, s, ctx);
        Windows(input, s, ctx);
        if (input.Part is RequestPart.QueryValue or RequestPart.BodyValue or RequestPart.CookieValue or RequestPart.Header) WholeValue(input, s, ctx);
    }

    /// <summary>Values of letters and spaces only can still be cmd.exe IF and FOR constructs.</summary>
    public static void InspectPlain(in RequestInput input, in NormalizedValue value, AnalysisContext ctx)
    {
        string s = value.Lower;
        if (s.Length > 6 && (s.Contains("if ", StringComparison.Ordinal) || s.Contains("for ", StringComparison.Ordinal))) Windows(input, s, ctx);
    }

    /// <summary>The value as the shell reads it after removing quotes, escapes and empty expansions.</summary>
    internal static string ShellView(string s)
    {
        var sb = new StringBuilder(s.Length);
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c is '\'' or '"' or '\\' or '^')
            {
                if (c == '\\' && i + 1 < s.Length && s[i + 1] is 'n') { sb.Append('\n'); i++; }
                continue;
            }

            if (c == '$' && i + 1 < s.Length)
            {
                if (s[i + 1] == '@' || s[i + 1] == '*') { i++; continue; }
                if (s.AsSpan(i + 1).StartsWith("{ifs}") || s.AsSpan(i + 1).StartsWith("ifs"))
                {
                    sb.Append(' ');
                    i += s[i + 1] == '{' ? 5 : 3;
                    continue;
                }

                if (s[i + 1] == '{')
                {
                    int close = s.IndexOf('}', i + 2);
                    if (close > 0 && close - i < 20 && s.AsSpan(i + 2, close - i - 2).IndexOfAny("${") < 0 && !s.AsSpan(i + 2, close - i - 2).Contains(':'))
                    {
                        i = close;
                        continue;
                    }
                }
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    private static void Separators(in RequestInput input, string s, AnalysisContext ctx)
    {
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            int after;
            if (c is ';' or '|' or '&' or '`' or '\n' or '\r') after = i + 1;
            else if (c == '$' && i + 1 < s.Length && s[i + 1] == '(') after = i + 2;
            else if (c == '<' && i + 1 < s.Length && s[i + 1] == '(') after = i + 2;
            else continue;
            while (after < s.Length && s[after] is '|' or '&' or ' ' or '\t' or '{' or '(' or '\n' or '\r') after++;
            if (after >= s.Length) continue;
            int end = after;
            while (end < s.Length && !(s[end] is ' ' or '\t' or ';' or '|' or '&' or '`' or '<' or '>' or ')' or '}' or ',' or '\n' or '\r')) end++;
            var word = s.AsSpan(after, end - after);
            if (word.IsEmpty) continue;
            if (word[0] == '/' && word.IndexOfAny('?', '*') >= 0 && word.LastIndexOf('/') > 0)
            {
                ctx.Add(Cmd, "ES-WAF-932-GLOB-PATH", "command path written with shell wildcards", input.Part, input.Name, KeywordScanner.Around(s, i, end - i), 1, Score.Critical);
                return;
            }

            var command = word;
            int slash = command.LastIndexOf('/');
            if (slash >= 0) command = command[(slash + 1)..];
            bool header = input.Part is RequestPart.Header or RequestPart.CookieValue;
            bool argumentFollows = end + 1 < s.Length && s[end] == ' ' && !(s[end + 1] is ';' or ')' or ' ');
            bool ambiguous = AmbiguousLookup.Contains(command) && slash < 0 && !ShellArgument(s, end);
            if (command.Length > 0 && CommandsLookup.Contains(command) && !ambiguous && (end < s.Length || slash >= 0 || c != '&') && (!header || argumentFollows || c is '`' or '$'))
            {
                ctx.Add(Cmd, "ES-WAF-932-SEPARATOR", $"command separator followed by the command {command}", input.Part, input.Name, KeywordScanner.Around(s, i, end - i), 1, Score.Critical);
                return;
            }

            // A closed command substitution runs even a command that is also an English word: "$(echo x)", "`echo x`".
            // It needs an argument inside; backticks also quote code in Markdown, so that form needs level 2.
            bool substitution = c == '$' ? s.IndexOf(')', end) > 0 : c == '`' && s.IndexOf('`', end) > 0 && ctx.Runs(2);
            if (substitution && ambiguous && argumentFollows && s[end + 1] != c && CommandsLookup.Contains(command))
            {
                ctx.Add(Cmd, "ES-WAF-932-SUBSTITUTION", $"command substitution running {command}", input.Part, input.Name, KeywordScanner.Around(s, i, end - i), c == '$' ? 1 : 2, Score.Critical);
                return;
            }
        }
    }

    private static void WholeValue(in RequestInput input, string s, AnalysisContext ctx)
    {
        var span = s.AsSpan().TrimStart();
        int space = span.IndexOfAny(' ', '\t');
        if (space <= 0 || space + 1 >= span.Length) return;
        var command = span[..space];
        int slash = command.LastIndexOf('/');
        bool pathed = slash >= 0 && (command.StartsWith("/bin/") || command.StartsWith("/usr/") || command.StartsWith("/sbin/"));
        if (slash >= 0) command = command[(slash + 1)..];
        var arg = span[(space + 1)..].TrimStart();
        if (arg.IsEmpty) return;
        bool strong = StrongLookup.Contains(command) && (arg[0] is '-' or '/' or '$' or '`' || arg.StartsWith("http") || arg.StartsWith("~") || arg.StartsWith("..") || command.SequenceEqual("bash") || command.SequenceEqual("sh"));
        if (strong || (pathed && CommandsLookup.Contains(command)))
        {
            ctx.Add(Cmd, "ES-WAF-932-COMMAND-LINE", $"value is a {command} command line", input.Part, input.Name, span, 1, Score.Critical);
        }
    }

    /// <summary>cmd.exe FOR loops and IF conditions, and Windows tools that fetch or run code.</summary>
    private static void Windows(in RequestInput input, string s, AnalysisContext ctx)
    {
        int f = WordAt(s, "for");
        if (f >= 0)
        {
            int pct = s.IndexOf('%', f);
            int inAt = pct < 0 ? -1 : s.IndexOf(" in", pct, StringComparison.Ordinal);
            int open = inAt < 0 ? -1 : s.IndexOf('(', inAt);
            int close = open < 0 ? -1 : s.IndexOf(')', open);
            int doAt = close < 0 ? -1 : s.IndexOf("do", close, StringComparison.Ordinal);
            if (doAt > 0)
            {
                ctx.Add(Cmd, "ES-WAF-932-WINDOWS-FOR", "cmd.exe FOR loop", input.Part, input.Name, KeywordScanner.Around(s, f, doAt - f), 1, Score.Critical);
            }
        }

        int g = WordAt(s, "if");
        if (g >= 0)
        {
            var rest = s.AsSpan(g + 2).TrimStart();
            if (rest.StartsWith("/i ")) rest = rest[3..].TrimStart();
            bool keyword = rest.StartsWith("not ") || rest.StartsWith("exist ") || rest.StartsWith("defined ") || rest.StartsWith("errorlevel ") || rest.StartsWith("cmdextversion ") || rest.StartsWith("%errorlevel%");
            bool comparison = rest.Contains("==", StringComparison.Ordinal) || ContainsWord(rest, "equ") || ContainsWord(rest, "neq") || ContainsWord(rest, "lss") || ContainsWord(rest, "leq") || ContainsWord(rest, "gtr") || ContainsWord(rest, "geq");
            if (keyword || comparison)
            {
                ctx.Add(Cmd, "ES-WAF-932-WINDOWS-IF", "cmd.exe IF condition", input.Part, input.Name, KeywordScanner.Around(s, g, 30), 1, Score.Critical);
            }
        }

        foreach (string tool in WindowsTools)
        {
            int at = s.IndexOf(tool, StringComparison.Ordinal);
            if (at >= 0 && (at == 0 || !char.IsAsciiLetterOrDigit(s[at - 1])))
            {
                ctx.Add(Cmd, "ES-WAF-932-WINDOWS-TOOL", "Windows command interpreter or download tool", input.Part, input.Name, KeywordScanner.Around(s, at, tool.Length), 1, Score.Critical);
                return;
            }
        }
    }

    private static readonly string[] WindowsTools =
    [
        "cmd /c", "cmd.exe", "cmd /k", "powershell -", "powershell.exe", "%comspec%", "certutil -urlcache", "certutil.exe",
        "bitsadmin /transfer", "wmic process", "rundll32 ", "rundll32.exe", "mshta http", "mshta.exe", "regsvr32 /s", "net user ",
        "net localgroup", "reg add ", "schtasks /create", "invoke-expression", "iex(", "downloadstring(", "start-process",
    ];

    /// <summary>Commands that are also English words ("... &amp; call me", "; more info"): they need a shell-looking argument.</summary>
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> AmbiguousLookup = new HashSet<string>(
        ["call", "start", "set", "type", "more", "less", "find", "sort", "cut", "who", "last", "make", "time", "copy", "del", "erase", "head",
         "tail", "kill", "sleep", "touch", "mount", "service", "net", "at", "ver", "echo", "dir", "id", "env", "sc", "reg", "su", "w", "rev", "tee",
         "nl", "od", "df", "ps", "pwd", "host", "dig", "ftp", "zip", "tar", "mail", "php", "node", "eval", "exec", "timeout", "fetch", "cp", "mv", "rm",
         "ls", "cat", "ping", "printf"], StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>After the command: end of value, or an argument starting like shell syntax (-x, /path, $VAR, %VAR%, ./, ~, |, &gt;).</summary>
    private static bool ShellArgument(string s, int end)
    {
        int i = end;
        while (i < s.Length && s[i] is ' ' or '\t') i++;
        if (i >= s.Length) return true;
        return s[i] is '-' or '/' or '$' or '%' or '\\' or '.' or '~' or '|' or '>' or '<' or ';' or '&' or '`' or '*' or '\'' or '"';
    }

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> CommandsLookup = Commands.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> StrongLookup = StrongCommands.GetAlternateLookup<ReadOnlySpan<char>>();

    private static int WordAt(string s, string word)
    {
        for (int at = s.IndexOf(word, StringComparison.Ordinal); at >= 0; at = s.IndexOf(word, at + 1, StringComparison.Ordinal))
        {
            bool start = at == 0 || !char.IsAsciiLetterOrDigit(s[at - 1]);
            int end = at + word.Length;
            bool endOk = end < s.Length && s[end] is ' ' or '\t' or '/' or '(' or '+';
            if (start && endOk) return at;
        }

        return -1;
    }

    private static bool ContainsWord(ReadOnlySpan<char> s, string word)
    {
        int at = s.IndexOf(word, StringComparison.Ordinal);
        return at > 0 && s[at - 1] == ' ' && at + word.Length < s.Length && s[at + word.Length] == ' ';
    }
}
