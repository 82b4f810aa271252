using Ensuresec.Detection.Common;

namespace Ensuresec.Detection.Scanning;

/// <summary>Settings of the scanning detector (YAML: detectors.scanning).</summary>
public sealed record ScanningOptions
{
    /// <summary>Whether the detector runs.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Report addresses whose user agent names a known scanner (sqlmap, nikto, nuclei, ...).</summary>
    public bool ReportScannerAgents { get; init; } = true;

    /// <summary>Sliding window over which an address's missing paths and sensitive probes are counted.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Distinct missing paths (see <see cref="MissingStatuses"/>) from one address in the window that make a forced-browsing burst.</summary>
    public int MinDistinctMissingPaths { get; init; } = 6;

    /// <summary>Share of the address's requests in the window that must miss: a customer on a page with broken links mostly gets 200s.</summary>
    public double MinMissingShare { get; init; } = 0.6;

    /// <summary>Status codes that count as a miss.</summary>
    public IReadOnlyList<int> MissingStatuses { get; init; } = [404, 403];

    /// <summary>Path endings never counted as misses (broken images and styles are not scanning).</summary>
    public IReadOnlyList<string> IgnoredExtensions { get; init; } = [".png", ".jpg", ".jpeg", ".gif", ".ico", ".css", ".svg", ".webp", ".woff", ".woff2", ".ttf", ".map"];

    /// <summary>Search-engine crawlers and uptime monitors need this many times the thresholds (they follow dead links).</summary>
    public double KnownAgentFactor { get; init; } = 3;

    /// <summary>
    /// Paths nobody but an attacker asks for. A path matches when it contains the entry followed by its end or a '/'
    /// (so /.git matches /.git/config and /shop/.git/HEAD), case-insensitively.
    /// </summary>
    public IReadOnlyList<string> SensitivePaths { get; init; } =
    [
        "/.env", "/.git", "/.svn", "/.hg", "/.ds_store", "/.htaccess", "/.htpasswd", "/.aws", "/.ssh", "/id_rsa",
        "/wp-config.php", "/wp-config.php.bak", "/wp-config.php.old", "/config.php.bak", "/configuration.php.bak",
        "/phpmyadmin", "/pma", "/myadmin", "/adminer.php", "/server-status", "/server-info", "/admin.php",
        "/phpinfo.php", "/info.php", "/web.config", "/db.sql", "/dump.sql", "/database.sql",
        "/etc/passwd", "/actuator", "/manager/html", "/fckeditor", "/vendor/phpunit", "/cgi-bin/php",
    ];

    /// <summary>Path endings of backups and editor leftovers (/index.php.bak, /shop.sql, ...).</summary>
    public IReadOnlyList<string> SensitiveSuffixes { get; init; } = [".bak", ".old", ".orig", ".swp", ".sql", ".sql.gz", "~"];

    /// <summary>Distinct sensitive paths probed (and refused) in the window before reporting; one served with 2xx is reported at once.</summary>
    public int MinDistinctSensitiveProbes { get; init; } = 2;

    /// <summary>After an address fired a rule, it fires that rule again only after this long (or when the burst grew by <see cref="EscalationFactor"/>).</summary>
    public TimeSpan CoolDown { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Growth of a burst that re-fires within the cool-down.</summary>
    public double EscalationFactor { get; init; } = 5;

    /// <summary>Most requests remembered per address in the window.</summary>
    public int MaxEntriesPerAddress { get; init; } = 4_096;

    /// <summary>Addresses idle this long are forgotten (must exceed <see cref="Window"/>).</summary>
    public TimeSpan IdleExpiry { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Errors naming the property; empty when the options are usable.</summary>
    public IReadOnlyList<OptionsError> Validate()
    {
        var errors = new List<OptionsError>();
        OptionChecks.Positive(errors, nameof(Window), Window);
        OptionChecks.AtLeast(errors, nameof(MinDistinctMissingPaths), MinDistinctMissingPaths, 1);
        OptionChecks.Ratio(errors, nameof(MinMissingShare), MinMissingShare);
        OptionChecks.NotNull(errors, nameof(MissingStatuses), MissingStatuses);
        OptionChecks.NotNull(errors, nameof(IgnoredExtensions), IgnoredExtensions);
        OptionChecks.AtLeast(errors, nameof(KnownAgentFactor), KnownAgentFactor, 1);
        OptionChecks.NotNull(errors, nameof(SensitivePaths), SensitivePaths);
        OptionChecks.NotNull(errors, nameof(SensitiveSuffixes), SensitiveSuffixes);
        OptionChecks.AtLeast(errors, nameof(MinDistinctSensitiveProbes), MinDistinctSensitiveProbes, 1);
        OptionChecks.Positive(errors, nameof(CoolDown), CoolDown);
        OptionChecks.AtLeast(errors, nameof(EscalationFactor), EscalationFactor, 1);
        OptionChecks.AtLeast(errors, nameof(MaxEntriesPerAddress), MaxEntriesPerAddress, 16);
        OptionChecks.Positive(errors, nameof(IdleExpiry), IdleExpiry);
        if (IdleExpiry < Window) errors.Add(new OptionsError(nameof(IdleExpiry), $"must be at least the window {Window} (was {IdleExpiry})"));
        if (SensitivePaths?.Any(p => string.IsNullOrWhiteSpace(p) || p[0] != '/') == true) errors.Add(new OptionsError(nameof(SensitivePaths), "every entry must start with '/'"));
        return errors;
    }
}
