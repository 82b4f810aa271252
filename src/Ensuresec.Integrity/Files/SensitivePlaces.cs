using System.Text.RegularExpressions;

namespace Ensuresec.Integrity.Files;

/// <summary>
/// Paths where a change matters most on a shop: checkout and payment code and templates, server and PHP
/// configuration, cron, the shop's secrets, and executable code in upload folders. Patterns match the path relative
/// to the root, case-insensitively; '*' matches anything, '/' included.
/// </summary>
internal sealed class SensitivePlaces
{
    public static readonly IReadOnlyList<(string Pattern, string Why)> Defaults =
    [
        ("*.htaccess", "web server configuration"),
        ("*.user.ini", "PHP configuration"),
        ("*php.ini", "PHP configuration"),
        ("*web.config", "web server configuration"),
        ("*checkout*", "checkout code or template"),
        ("*onepage*", "checkout code or template"),
        ("*payment*", "payment module"),
        ("*gateway*", "payment gateway"),
        ("*cron*", "scheduled task"),
        ("wp-config.php", "shop secrets"),
        ("app/etc/env.php", "shop secrets"),
        ("app/etc/local.xml", "shop secrets"),
        ("index.php", "front controller"),
        ("wp-content/uploads/*.php*", "PHP in an upload folder"),
        ("*pub/media/*.php*", "PHP in an upload folder"),
        ("media/*.php*", "PHP in an upload folder"),
        ("*/img/*.php*", "PHP in an image folder"),
    ];

    private readonly List<(Regex Pattern, string Why)> _patterns;

    public SensitivePlaces(IEnumerable<string> extra)
    {
        _patterns = [.. Defaults.Select(d => (Compile(d.Pattern), d.Why)), .. extra.Select(p => (Compile(p), "marked sensitive"))];
    }

    /// <summary>Why the path is sensitive, or null.</summary>
    public string? Why(string relativePath)
    {
        foreach (var (pattern, why) in _patterns)
        {
            if (pattern.IsMatch(relativePath)) return why;
        }

        return null;
    }

    private static Regex Compile(string glob) =>
        new("^" + Regex.Escape(glob).Replace("\\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
