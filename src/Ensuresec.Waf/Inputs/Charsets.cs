namespace Ensuresec.Waf.Inputs;

/// <summary>Character sets a body may declare; others (UTF-7, UTF-16, EBCDIC...) hide payloads from inspection.</summary>
internal static class Charsets
{
    private static readonly HashSet<string> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        "utf-8", "utf8", "iso-8859-1", "iso-8859-15", "windows-1252", "us-ascii", "ascii", "latin1",
    };

    public static bool IsAllowed(string charset) => Allowed.Contains(charset.Trim().Trim('"'));
}
