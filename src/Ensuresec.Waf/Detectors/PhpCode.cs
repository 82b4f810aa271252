namespace Ensuresec.Waf.Detectors;

/// <summary>PHP source as the interpreter reads it, for the structural checks: comments and whitespace removed.</summary>
internal static class PhpCode
{
    /// <summary>Drops /* */, // and # comments (to the end of the line) and all whitespace; strings are kept as they are.</summary>
    public static string WithoutCommentsAndSpace(string s)
    {
        var sb = new System.Text.StringBuilder(s.Length);
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c is '\'' or '"')
            {
                int close = s.IndexOf(c, i + 1);
                int end = close < 0 ? s.Length : close + 1;
                sb.Append(s, i, end - i);
                i = end - 1;
            }
            else if (c == '/' && i + 1 < s.Length && s[i + 1] == '*')
            {
                int close = s.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = close < 0 ? s.Length : close + 1;
            }
            else if (c == '#' || (c == '/' && i + 1 < s.Length && s[i + 1] == '/'))
            {
                int eol = s.IndexOf('\n', i);
                i = eol < 0 ? s.Length : eol;
            }
            else if (!char.IsWhiteSpace(c))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
