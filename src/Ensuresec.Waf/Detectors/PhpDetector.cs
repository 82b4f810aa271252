using Ensuresec.Waf.Inputs;
using Ensuresec.Waf.Model;
using Ensuresec.Waf.Normalization;

namespace Ensuresec.Waf.Detectors;

/// <summary>
/// PHP code injection by structure: open tags, calls of functions that run code or touch files (by risk: level 1, 2
/// or 3), variable function calls ($f(...), $$f(...)), calls through a parenthesised string ((system)('id')),
/// serialised objects (O:8:"stdClass":...), and uploads of PHP files.
/// </summary>
internal static class PhpDetector
{
    private const AttackClass Php = AttackClass.PhpInjection;

    private static readonly Dictionary<string, int> Functions = Build();
    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> FunctionLookup = Functions.GetAlternateLookup<ReadOnlySpan<char>>();

    private static Dictionary<string, int> Build()
    {
        var d = new Dictionary<string, int>(StringComparer.Ordinal);
        void Add(int level, string names)
        {
            foreach (string n in names.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)) d.TryAdd(n, level);
        }

        Add(1, """
            system exec shell_exec passthru popen proc_open pcntl_exec eval assert include include_once require require_once
            create_function call_user_func call_user_func_array preg_replace fsockopen pfsockopen unserialize file_put_contents
            fwrite fputs curl_init curl_exec chr phpinfo base64_decode gzinflate str_rot13 array_map array_filter usort uasort
            uksort array_walk ob_start register_shutdown_function register_tick_function set_error_handler iterator_apply
            forward_static_call fopen readfile file_get_contents show_source highlight_file symlink link unlink rmdir chmod chown
            move_uploaded_file putenv ini_set dl mail posix_kill posix_setuid proc_nice proc_terminate stream_socket_client
            """);
        Add(2, """
            print_r var_dump var_export serialize getenv ini_get func_get_args extract parse_str get_defined_functions
            get_defined_vars glob scandir opendir readdir error_reporting debug_zval_dump hex2bin bin2hex gzcompress
            gzuncompress strrev str_replace base64_encode md5 sha1 crc32 date_add array_diff array_merge array_slice
            function_exists class_exists method_exists is_callable set_time_limit ignore_user_abort header setcookie
            gethostbyname socket_create stream_get_contents array_reverse posix_getegid posix_geteuid posix_getuid
            posix_getgid posix_getpwnam posix_getgrgid posix_uname posix_getcwd posix_getlogin
            """);
        Add(3, "file copy rename mkdir print date checkdate compact implode explode count strlen substr ord sprintf printf");
        return d;
    }

    public static void Inspect(in RequestInput input, in NormalizedValue value, AnalysisContext ctx)
    {
        string s = value.Lower;
        InspectUpload(input, value, ctx);
        int tag = s.IndexOf("<?", StringComparison.Ordinal);
        if (tag >= 0 && !s.AsSpan(tag).StartsWith("<?xml") && tag + 2 < s.Length && (char.IsAsciiLetter(s[tag + 2]) || s[tag + 2] is '=' or ' ' or '\n' or '\t'))
        {
            ctx.Add(Php, "ES-WAF-933-OPEN-TAG", "PHP open tag", input.Part, input.Name, KeywordScanner.Around(s, tag, 5), 1, Score.Critical);
        }

        if (input.Part != RequestPart.Path && s.Contains('(', StringComparison.Ordinal))
        {
            Calls(input, s, ctx);
            // Comments, line breaks and spaces between a variable and its call ("$a #x\n[0] /*y*/ (1)", "$ {x}(1)") are nothing to PHP.
            if (s.Contains('$', StringComparison.Ordinal) && (s.AsSpan().IndexOfAny(CommentOrBreak) >= 0 || s.Contains("$ ", StringComparison.Ordinal))) Calls(input, PhpCode.WithoutCommentsAndSpace(s), ctx);
        }

        if (input.Part != RequestPart.Path && s.AsSpan().IndexOfAny('\'', '"') >= 0) BuiltNames(input, s, ctx);
        Serialized(input, s, ctx);
    }

    /// <summary>File names of uploads (multipart and the X-Filename headers of AJAX uploaders) ending in a PHP extension.</summary>
    public static void InspectUpload(in RequestInput input, in NormalizedValue value, AnalysisContext ctx)
    {
        string s = value.Lower;
        if (input.Part == RequestPart.FileName || (input.Part == RequestPart.Header && IsFileNameHeader(input.Name)))
        {
            if (IsPhpFile(s)) ctx.Add(Php, "ES-WAF-933-UPLOAD", "upload of a PHP file", input.Part, input.Name, s, 1, Score.Critical);
        }
    }

    /// <summary>X-Filename, X_Filename, X.Filename, X-File-Name: the upload name headers of AJAX uploaders.</summary>
    private static bool IsFileNameHeader(string name)
    {
        Span<char> letters = stackalloc char[Math.Min(name.Length, 32)];
        int n = 0;
        foreach (char c in name)
        {
            if (n < letters.Length && char.IsAsciiLetter(c)) letters[n++] = char.ToLowerInvariant(c);
        }

        return letters[..n].SequenceEqual("xfilename");
    }

    /// <summary>A PHP extension at the end or followed by anything but a letter (a.php., a.php5..., a.php.jpg).</summary>
    private static bool IsPhpFile(string name)
    {
        ReadOnlySpan<string> extensions = [".php", ".phtml", ".phps", ".phar", ".pht", ".inc", ".shtml", ".htaccess"];
        foreach (string e in extensions)
        {
            for (int at = name.IndexOf(e, StringComparison.Ordinal); at >= 0; at = name.IndexOf(e, at + 1, StringComparison.Ordinal))
            {
                int end = at + e.Length;
                if (end == name.Length || !char.IsAsciiLetter(name[end])) return true;
            }
        }

        return false;
    }

    private static void Calls(in RequestInput input, string s, AnalysisContext ctx)
    {
        for (int open = s.IndexOf('('); open >= 0; open = s.IndexOf('(', open + 1))
        {
            int end = open;
            while (end > 0 && char.IsWhiteSpace(s[end - 1])) end--;
            end = SkipComment(s, end);
            int start = end;
            while (start > 0 && (char.IsAsciiLetterOrDigit(s[start - 1]) || s[start - 1] == '_')) start--;
            if (start < end)
            {
                var name = s.AsSpan(start, end - start);
                bool dollar = start > 0 && s[start - 1] == '$';
                if (dollar && name.Length > 0 && !char.IsAsciiDigit(name[0]))
                {
                    ctx.Add(Php, "ES-WAF-933-VARIABLE-CALL", "PHP variable function call", input.Part, input.Name, KeywordScanner.Around(s, start - 1, end - start + 2), 1, Score.Critical);
                    continue;
                }

                bool member = start > 0 && s[start - 1] is '.' or '>' or ':';
                if (!member && FunctionLookup.TryGetValue(name, out int level) && ctx.Runs(level))
                {
                    ctx.Add(Php, level == 1 ? "ES-WAF-933-CALL" : level == 2 ? "ES-WAF-933-CALL-MEDIUM" : "ES-WAF-933-CALL-LOW", "call of a PHP function that runs code or reads files", input.Part, input.Name, KeywordScanner.Around(s, start, end - start + 1), level, level == 1 ? Score.Critical : Score.Warning);
                }
            }
            else if (ExpressionCallee(s, end))
            {
                ctx.Add(Php, "ES-WAF-933-STRING-CALL", "call of a function named by a parenthesised string expression", input.Part, input.Name, KeywordScanner.Around(s, open, 10), 1, Score.Critical);
            }
            else if (end > 0 && s[end - 1] is ']' or '}' && IndexedVariable(s, end - 1))
            {
                ctx.Add(Php, "ES-WAF-933-VARIABLE-CALL", "PHP call through an indexed variable", input.Part, input.Name, KeywordScanner.Around(s, open, 10), 1, Score.Critical);
            }
            else if (end > 0 && s[end - 1] == '}' && s.LastIndexOf("${", end, StringComparison.Ordinal) >= 0)
            {
                ctx.Add(Php, "ES-WAF-933-VARIABLE-CALL", "PHP variable function call", input.Part, input.Name, KeywordScanner.Around(s, open, 10), 1, Score.Critical);
            }
        }
    }

    /// <summary>
    /// "(system)(...)", "[system][0](...)", "(sy.(st).em)(...)", "'sys'.'tem'(...)": a function called through an
    /// expression that builds its name, which only code injection does.
    /// </summary>
    private static bool ExpressionCallee(string s, int end)
    {
        int k = end - 1;
        if (k < 0) return false;
        char last = s[k];
        if (last is '\'' or '"')
        {
            int open = s.LastIndexOf(last, Math.Max(0, k - 1));
            return open >= 0 && open < k && CountLetters(s.AsSpan(open + 1, k - open - 1)) >= 3;
        }

        if (last is not (')' or ']' or '}')) return false;
        int depth = 0;
        int i = k;
        for (; i >= 0; i--)
        {
            if (s[i] is ')' or ']' or '}') depth++;
            else if (s[i] is '(' or '[' or '{' && --depth == 0) break;
        }

        if (i < 0) return false;
        var group = s.AsSpan(i + 1, k - i - 1);
        // "[system][0](...)", "(['system'])[0](...)": an index after the group that holds the name.
        int before = i - 1;
        while (before >= 0 && s[before] == ' ') before--;
        if (IsIndex(group) && before >= 0 && s[before] is ']' or ')') return ExpressionCallee(s, before + 1);
        if (CountLetters(group) < 3) return false;
        if (group.IndexOfAny("'\".[{*") >= 0) return true;
        Span<char> letters = stackalloc char[Math.Min(group.Length, 40)];
        int n = 0;
        foreach (char c in group)
        {
            if (n < letters.Length && (char.IsAsciiLetter(c) || c == '_')) letters[n++] = c;
        }

        return FunctionLookup.TryGetValue(letters[..n], out int level) && level == 1;
    }

    private static readonly System.Buffers.SearchValues<char> CommentOrBreak = System.Buffers.SearchValues.Create("#/\n\r\t");

    /// <summary>
    /// String literals joined by '.' ("'sys' . 'tem'", "\"ex\".\"ec\"") whose concatenation names a function that runs
    /// code: the name is built so that no single literal shows it, which only an attacker needs.
    /// </summary>
    private static void BuiltNames(in RequestInput input, string s, AnalysisContext ctx)
    {
        Span<char> name = stackalloc char[40];
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] is not ('\'' or '"')) continue;
            int n = 0;
            int pieces = 0;
            int j = i;
            while (j < s.Length && s[j] is '\'' or '"')
            {
                int close = s.IndexOf(s[j], j + 1);
                if (close < 0 || close - j - 1 > name.Length - n) break;
                s.AsSpan(j + 1, close - j - 1).CopyTo(name[n..]);
                n += close - j - 1;
                pieces++;
                int k = close + 1;
                while (k < s.Length && s[k] == ' ') k++;
                if (k >= s.Length || s[k] != '.') { j = k; break; }
                k++;
                while (k < s.Length && s[k] == ' ') k++;
                j = k;
            }

            if (pieces >= 2 && FunctionLookup.TryGetValue(name[..n], out int level) && level == 1)
            {
                ctx.Add(Php, "ES-WAF-933-BUILT-NAME", "PHP function name built by joining strings", input.Part, input.Name, KeywordScanner.Around(s, i, 20), 1, Score.Critical);
                return;
            }

            i = Math.Max(i, j - 1);
        }
    }

    private static bool IsIndex(ReadOnlySpan<char> group)
    {
        group = group.Trim(' ');
        return group.Length is > 0 and < 8 && !group.ContainsAnyExcept("0123456789");
    }

    private static int CountLetters(ReadOnlySpan<char> s)
    {
        int n = 0;
        foreach (char c in s)
        {
            if (char.IsAsciiLetter(c)) n++;
        }

        return n;
    }

    /// <summary>"$name[" or "$__[": an array element of a variable.</summary>
    private static bool IndexedVariable(string s, int last)
    {
        int i = last;
        // Walk back over [..] and {..} groups and comments to the variable they index.
        while (i >= 0 && s[i] is ']' or '}')
        {
            char open = s[i] == ']' ? '[' : '{';
            int depth = 0;
            for (; i >= 0; i--)
            {
                if (s[i] == s[last] || s[i] is ']' or '}') depth++;
                else if (s[i] is '[' or '{' && --depth == 0) break;
            }

            if (i < 0) return false;
            if (open == '{' && i > 0 && s[i - 1] == '$') return true;
            i--;
            while (i >= 1 && s[i] == '/' && s[i - 1] == '*')
            {
                int c = s.LastIndexOf("/*", i - 1, StringComparison.Ordinal);
                if (c < 0) return false;
                i = c - 1;
            }

            while (i >= 0 && s[i] == ' ') i--;
        }

        int end = i;
        while (i >= 0 && (char.IsAsciiLetterOrDigit(s[i]) || s[i] == '_')) i--;
        return end > i && i >= 0 && s[i] == '$';
    }

    /// <summary>"(sy.(st).em)" before "(": a callee built from string pieces.</summary>
    private static bool StringCallee(string s, int closeParen)
    {
        int depth = 0;
        int letters = 0;
        for (int i = closeParen; i >= 0; i--)
        {
            char c = s[i];
            if (c == ')') depth++;
            else if (c == '(' && --depth == 0) return letters >= 3;
            else if (char.IsAsciiLetter(c)) letters++;
            else if (!(c is '.' or '\'' or '"' or ' ' or '_' || char.IsAsciiDigit(c))) return false;
        }

        return false;
    }

    private static int SkipComment(string s, int end)
    {
        while (end >= 2 && s[end - 1] == '/' && s[end - 2] == '*')
        {
            int open = s.LastIndexOf("/*", end - 2, StringComparison.Ordinal);
            if (open < 0) break;
            end = open;
            while (end > 0 && char.IsWhiteSpace(s[end - 1])) end--;
        }

        return end;
    }

    private static void Serialized(in RequestInput input, string s, AnalysisContext ctx)
    {
        for (int i = s.IndexOf(':'); i > 0 && i + 3 < s.Length; i = s.IndexOf(':', i + 1))
        {
            char kind = s[i - 1];
            if (kind is not ('o' or 'c' or 'a') || (i >= 2 && char.IsAsciiLetterOrDigit(s[i - 2]))) continue;
            int j = i + 1;
            while (j < s.Length && char.IsAsciiDigit(s[j])) j++;
            if (j == i + 1 || j + 1 >= s.Length || s[j] != ':') continue;
            char next = s[j + 1];
            if ((kind is 'o' or 'c') && next == '"')
            {
                ctx.Add(AttackClass.Deserialization, "ES-WAF-933-SERIALIZED-OBJECT", "PHP serialised object (object injection)", input.Part, input.Name, KeywordScanner.Around(s, i - 1, 12), 1, Score.Critical);
                return;
            }

            if (kind == 'a' && next == '{' && ctx.Runs(2))
            {
                ctx.Add(AttackClass.Deserialization, "ES-WAF-933-SERIALIZED-ARRAY", "PHP serialised array", input.Part, input.Name, KeywordScanner.Around(s, i - 1, 12), 2, Score.Warning);
                return;
            }
        }
    }
}
