using System.Buffers;
using System.Text;
using Ensuresec.Waf.Inputs;
using Ensuresec.Waf.Model;
using Ensuresec.Waf.Normalization;

namespace Ensuresec.Waf.Detectors;

/// <summary>
/// Injections into interpreters on the server other than SQL, the shell and PHP: Node.js code, server-side template
/// expressions ({{7*7}}, ${...}, &lt;%= %&gt;, #{...}), JNDI lookups (Log4Shell, with nested ${lower:j} disguises
/// unwrapped first), LDAP filter injection, and session fixation through cookies set by script or meta tags.
/// </summary>
internal static class ScriptInjectionDetector
{
    private static readonly SearchValues<char> Gate = SearchValues.Create("{}()<>$#=%*");
    private static readonly HashSet<string> SessionParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "jsessionid", "phpsessid", "aspsessionid", "asp.net_sessionid", "sessionid", "session_id", "sessid", "sid", "cfid", "cftoken",
        "cfsid", "jsessionidsso", "zend_session", "laravel_session", "ci_session", "frontend", "prestashop", "nop.customer",
    };

    public static void Inspect(in RequestInput input, in NormalizedValue value, AnalysisContext ctx)
    {
        string s = value.Lower;
        if (s.Length < 4 || s.AsSpan().IndexOfAny(Gate) < 0) return;
        Node(input, s, ctx);
        Templates(input, s, ctx);
        if (s.Contains("${", StringComparison.Ordinal) || s.Contains("jndi", StringComparison.Ordinal)) Jndi(input, s, ctx);
        if (s.Contains(")(", StringComparison.Ordinal) || s.Contains(")!(", StringComparison.Ordinal) || s.Contains("(|(", StringComparison.Ordinal) || s.Contains("(&(", StringComparison.Ordinal)) Ldap(input, s, ctx);
        Session(input, s, ctx);
    }

    /// <summary>A session id passed in the query string from another site (or none): the victim would adopt the attacker's session.</summary>
    public static void SessionId(in RequestInput input, AnalysisContext ctx)
    {
        if (input.Part == RequestPart.QueryName && SessionParameters.Contains(input.Name) && !SameSiteReferer(ctx))
        {
            ctx.Add(AttackClass.SessionFixation, "ES-WAF-943-SESSION-ID", "session id set in the URL without a referer from this site", input.Part, input.Name, input.Name, 1, Score.Critical);
        }
    }

    private static bool SameSiteReferer(AnalysisContext ctx) => ctx.RefererHost is { } r && ctx.Host is { } h && string.Equals(r, h.Split(':')[0], StringComparison.OrdinalIgnoreCase);

    private static void Node(in RequestInput input, string s, AnalysisContext ctx)
    {
        int at = -1;
        string? what = null;
        if ((at = IndexOfCompact(s, "function(){")) >= 0) what = "anonymous function definition";
        else if ((at = IndexOfCompact(s, "newfunction(")) >= 0) what = "new Function(...)";
        else if ((at = IndexOfCompact(s, ")=>{")) >= 0) what = "arrow function";
        else if ((at = s.IndexOf("require(", StringComparison.Ordinal)) >= 0 && s.IndexOf(")(", at, StringComparison.Ordinal) > 0) what = "require(...)(...)";
        else if ((at = EvalOfBuiltCode(s)) >= 0) what = "eval of code built from character codes or decoded bytes";
        if (what is not null) ctx.Add(AttackClass.NodeInjection, "ES-WAF-934-CODE", "JavaScript code for the server: " + what, input.Part, input.Name, KeywordScanner.Around(s, Math.Max(0, at), 12), 1, Score.Critical);
    }

    /// <summary>"eval(String.fromCharCode(", "eval(Buffer.from(", "eval(atob(": code hidden from filters and run.</summary>
    private static int EvalOfBuiltCode(string s)
    {
        int at = IndexOfCompact(s, "eval(");
        if (at < 0) return -1;
        var rest = s.AsSpan(s.IndexOf('(', at) + 1).TrimStart(" \t\n\r");
        return rest.StartsWith("string.fromcharcode") || rest.StartsWith("buffer.from") || rest.StartsWith("atob(") || rest.StartsWith("unescape(") ? at : -1;
    }

    private static int IndexOfCompact(string s, string needle)
    {
        if (s.Length < needle.Length) return -1;
        int first = s.IndexOf(needle[0], StringComparison.Ordinal);
        while (first >= 0)
        {
            int i = first;
            int k = 0;
            while (i < s.Length && k < needle.Length)
            {
                if (char.IsWhiteSpace(s[i]) && !char.IsWhiteSpace(needle[k])) { i++; continue; }
                if (s[i] != needle[k]) break;
                i++;
                k++;
            }

            if (k == needle.Length) return first;
            first = s.IndexOf(needle[0], first + 1);
        }

        return -1;
    }

    private static void Templates(in RequestInput input, string s, AnalysisContext ctx)
    {
        foreach (var (open, close, level) in Delimiters)
        {
            int at = s.IndexOf(open, StringComparison.Ordinal);
            if (at < 0 || !ctx.Runs(level)) continue;
            int end = s.IndexOf(close, at + open.Length, StringComparison.Ordinal);
            var inside = end < 0 ? s.AsSpan(at + open.Length) : s.AsSpan(at + open.Length, end - at - open.Length);
            if (inside.StartsWith("jndi:")) continue;
            if (Expression(inside))
            {
                ctx.Add(AttackClass.TemplateInjection, "ES-WAF-SSTI-EXPRESSION", $"server-side template expression {open}...{close}", input.Part, input.Name, KeywordScanner.Around(s, at, inside.Length + 4), level, Score.Critical);
                return;
            }
        }
    }

    private static readonly (string Open, string Close, int Level)[] Delimiters = [("{{", "}}", 1), ("${", "}", 1), ("<%", "%>", 1), ("{%", "%}", 1), ("#{", "}", 1), ("*{", "}", 2), ("@{", "}", 2), ("[[", "]]", 2)];

    /// <summary>Arithmetic between numbers, interpreter internals, method calls, object graph navigation or filters.</summary>
    private static bool Expression(ReadOnlySpan<char> e)
    {
        for (int i = 1; i + 1 < e.Length; i++)
        {
            if (e[i] is '*' or '+' or '-' or '/' or '%')
            {
                int l = i - 1;
                while (l >= 0 && e[l] == ' ') l--;
                int r = i + 1;
                while (r < e.Length && e[r] == ' ') r++;
                if (l >= 0 && r < e.Length && char.IsAsciiDigit(e[l]) && char.IsAsciiDigit(e[r])) return true;
            }
        }

        return e.Contains("__", StringComparison.Ordinal) || e.Contains(".getclass", StringComparison.Ordinal) || e.Contains("class.", StringComparison.Ordinal)
            || e.Contains("runtime", StringComparison.Ordinal) || e.Contains("self.", StringComparison.Ordinal) || e.Contains("config", StringComparison.Ordinal)
            || e.Contains("request.", StringComparison.Ordinal) || e.Contains("lipsum", StringComparison.Ordinal) || e.Contains("cycler", StringComparison.Ordinal)
            || e.Contains("|attr", StringComparison.Ordinal) || e.Contains("exec(", StringComparison.Ordinal) || e.Contains("popen", StringComparison.Ordinal)
            || e.Contains("system(", StringComparison.Ordinal) || e.Contains("new ", StringComparison.Ordinal) || e.Contains("t(java", StringComparison.Ordinal)
            || e.Contains("@java", StringComparison.Ordinal) || e.Contains("import", StringComparison.Ordinal) || e.Contains("eval(", StringComparison.Ordinal)
            || e.Contains("constructor", StringComparison.Ordinal) || e.Contains("process.", StringComparison.Ordinal);
    }

    /// <summary>Unwraps ${lower:x}, ${upper:x}, ${::-x}, ${env:NAME:-x} from the inside out, then looks for ${jndi:.</summary>
    private static void Jndi(in RequestInput input, string s, AnalysisContext ctx)
    {
        string t = s;
        for (int round = 0; round < 32; round++)
        {
            int open = -1;
            for (int i = t.IndexOf("${", StringComparison.Ordinal); i >= 0; i = t.IndexOf("${", i + 1, StringComparison.Ordinal))
            {
                int close = t.IndexOf('}', i + 2);
                int nested = t.IndexOf("${", i + 2, StringComparison.Ordinal);
                if (close > 0 && (nested < 0 || nested > close)) { open = i; break; }
            }

            if (open < 0) break;
            int end = t.IndexOf('}', open + 2);
            string inner = t[(open + 2)..end];
            if (inner.StartsWith("jndi:", StringComparison.Ordinal)) break;
            int dash = inner.LastIndexOf(":-", StringComparison.Ordinal);
            string replacement = dash >= 0 ? inner[(dash + 2)..]
                : inner.StartsWith("lower:", StringComparison.Ordinal) || inner.StartsWith("upper:", StringComparison.Ordinal) ? inner[6..]
                : string.Empty;
            t = string.Concat(t.AsSpan(0, open), replacement, t.AsSpan(end + 1));
        }

        int at = t.IndexOf("${jndi:", StringComparison.Ordinal);
        if (at < 0)
        {
            at = t.IndexOf("jndi:", StringComparison.Ordinal);
            if (at < 0 || !(t.AsSpan(at + 5).StartsWith("ldap") || t.AsSpan(at + 5).StartsWith("rmi") || t.AsSpan(at + 5).StartsWith("dns") || t.AsSpan(at + 5).StartsWith("iiop") || t.AsSpan(at + 5).StartsWith("corba") || t.AsSpan(at + 5).StartsWith("nds") || t.AsSpan(at + 5).StartsWith("nis") || t.AsSpan(at + 5).StartsWith("http"))) return;
        }

        ctx.Add(AttackClass.JndiInjection, "ES-WAF-JNDI-LOOKUP", "JNDI lookup (Log4Shell)", input.Part, input.Name, KeywordScanner.Around(t, at, 12), 1, Score.Critical);
    }

    private static void Ldap(in RequestInput input, string s, AnalysisContext ctx)
    {
        var part = input.Part;
        string name = input.Name;
        int at = s.IndexOf(")(", StringComparison.Ordinal);
        if (at >= 0)
        {
            int i = at + 2;
            while (i < s.Length && s[i] == ' ') i++;
            if (i < s.Length && s[i] is '&' or '|' or '!')
            {
                int j = i + 1;
                while (j < s.Length && s[j] == ' ') j++;
                if (j >= s.Length || s[j] is ')' or '(') { Report(); return; }
            }

            int k = i;
            while (k < s.Length && (char.IsAsciiLetterOrDigit(s[k]) || s[k] is '-' or '_' or ';' or '.')) k++;
            if (k > i && k < s.Length && (s[k] == '=' || (k + 1 < s.Length && s[k] is '>' or '<' or '~' && s[k + 1] == '=')))
            {
                Report();
                return;
            }
        }

        // "x)!(attr=": the application's filter closed and a negated one opened (")(!(" without the "(").
        int not = s.IndexOf(")!(", StringComparison.Ordinal);
        if (not >= 0 && AttributeTest(s, not + 3)) { Report(); return; }

        foreach (string open in new[] { "(|(", "(&(", "(!(" })
        {
            int o = s.IndexOf(open, StringComparison.Ordinal);
            if (o >= 0 && s.IndexOf('=', o) > o) { Report(); return; }
        }

        void Report() => ctx.Add(AttackClass.LdapInjection, "ES-WAF-921-LDAP", "LDAP filter injection", part, name, s, 1, Score.Critical);
    }

    /// <summary>"attr=", "attr>=", "attr~=" at that place: the start of an LDAP filter item.</summary>
    private static bool AttributeTest(string s, int i)
    {
        int k = i;
        while (k < s.Length && (char.IsAsciiLetterOrDigit(s[k]) || s[k] is '-' or '_' or ';' or '.')) k++;
        return k > i && k < s.Length && (s[k] == '=' || (k + 1 < s.Length && s[k] is '>' or '<' or '~' && s[k + 1] == '='));
    }

    private static void Session(in RequestInput input, string s, AnalysisContext ctx)
    {
        int cookie = s.IndexOf(".cookie", StringComparison.Ordinal);
        if (cookie >= 0 && s.IndexOf('=', cookie) > 0)
        {
            ctx.Add(AttackClass.SessionFixation, "ES-WAF-943-COOKIE-SET", "script sets a cookie", input.Part, input.Name, KeywordScanner.Around(s, cookie, 7), 1, Score.Critical);
        }

        int equiv = s.IndexOf("http-equiv", StringComparison.Ordinal);
        if (equiv >= 0 && s.IndexOf("set-cookie", equiv, StringComparison.Ordinal) > 0)
        {
            ctx.Add(AttackClass.SessionFixation, "ES-WAF-943-META-COOKIE", "meta tag sets a cookie", input.Part, input.Name, KeywordScanner.Around(s, equiv, 10), 1, Score.Critical);
        }
    }
}
