namespace Ensuresec.Demo.Generation;

/// <summary>The shop's pages, search terms, user agents and the scanners' word lists.</summary>
internal static class Catalog
{
    public static readonly string[] Categories =
    [
        "women", "men", "kids", "shoes", "bags", "accessories", "home", "kitchen", "garden", "sports", "outdoor",
        "beauty", "toys", "electronics", "books", "sale",
    ];

    private static readonly string[] Adjectives =
    [
        "linen", "wool", "cotton", "leather", "classic", "slim", "oversized", "vintage", "organic", "waterproof",
        "lightweight", "cozy", "modern", "rustic", "compact", "premium", "everyday", "summer", "winter", "travel",
    ];

    private static readonly string[] Nouns =
    [
        "shirt", "dress", "jacket", "sneakers", "boots", "backpack", "tote", "scarf", "lamp", "mug", "kettle",
        "planter", "yoga-mat", "water-bottle", "headphones", "speaker", "notebook", "candle", "blanket", "watch",
        "sunglasses", "wallet", "pan", "knife-set", "tent",
    ];

    private static readonly string[] Colours = ["black", "white", "navy", "olive", "sand", "red"];

    /// <summary>20 x 25 x 6 = 3,000 product slugs.</summary>
    public static readonly string[] Products = BuildProducts();

    public static readonly string[] SearchTerms = BuildSearchTerms();

    public static readonly string[] BrowserAgents =
    [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/133.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:135.0) Gecko/20100101 Firefox/135.0",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.3 Safari/605.1.15",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.3 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/133.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/132.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/133.0.0.0 Safari/537.36 Edg/133.0.0.0",
        "Mozilla/5.0 (X11; Linux x86_64; rv:135.0) Gecko/20100101 Firefox/135.0",
    ];

    public static readonly string[] ScannerAgents =
    [
        "Mozilla/5.00 (Nikto/2.5.0) (Evasions:None) (Test:Port Check)",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/88.0.4324.190 Safari/537.36 Nuclei",
        "sqlmap/1.8.2#stable (https://sqlmap.org)",
        "gobuster/3.6",
        "Mozilla/5.0 zgrab/0.x",
        "Fuzz Faster U Fool v2.1.0",
    ];

    public static readonly string[] ScriptAgents = ["python-requests/2.32.3", "Go-http-client/1.1", "curl/8.5.0", "okhttp/4.12.0"];

    public const string Googlebot = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
    public const string Bingbot = "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)";
    public const string UptimeRobot = "Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)";
    public const string Pingdom = "Pingdom.com_bot_version_1.4_(http://www.pingdom.com/)";

    /// <summary>What scanners and forced browsing ask for first.</summary>
    public static readonly string[] SensitivePaths =
    [
        "/.env", "/.env.bak", "/.env.production", "/.git/config", "/.git/HEAD", "/.svn/entries", "/.DS_Store",
        "/admin", "/admin/login", "/administrator", "/phpmyadmin/", "/pma/", "/wp-login.php", "/wp-admin/",
        "/xmlrpc.php", "/config.php.bak", "/config.json", "/backup.zip", "/backup.sql", "/db.sql", "/dump.sql",
        "/site.tar.gz", "/www.zip", "/server-status", "/.htaccess", "/.htpasswd", "/web.config", "/phpinfo.php",
        "/info.php", "/actuator/env", "/actuator/health", "/api/v1/users", "/swagger.json", "/graphql",
        "/.aws/credentials", "/id_rsa", "/.ssh/id_rsa", "/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php",
        "/cgi-bin/test.cgi", "/debug/default/view", "/magento_version", "/downloader/", "/app/etc/local.xml",
        "/robots.txt", "/sitemap.xml", "/.well-known/security.txt", "/console", "/solr/admin/", "/jenkins/",
        "/storage/logs/laravel.log", "/_profiler/phpinfo", "/old/", "/test/", "/dev/", "/staging/",
    ];

    public static readonly string[] Wordlist =
    [
        "admin", "backup", "backups", "old", "new", "test", "tmp", "temp", "private", "secret", "config", "conf",
        "data", "db", "database", "dump", "export", "import", "logs", "log", "uploads", "files", "media", "static",
        "assets", "include", "includes", "lib", "src", "dist", "build", "release", "install", "setup", "shop",
        "store", "orders", "invoices", "customers", "users", "accounts", "api", "internal", "manage", "panel",
    ];

    public static readonly string[] WordlistSuffixes = ["", "/", ".php", ".bak", ".zip", ".old", ".sql", ".tar.gz", ".txt", "~"];

    public static readonly string[] FirstNames =
    [
        "anna", "ben", "clara", "david", "emma", "felix", "greta", "hugo", "ines", "jonas", "karin", "luca", "maria",
        "noah", "olga", "paul", "rosa", "sam", "tina", "umar", "vera", "will", "yara", "zoe", "leon", "mila", "omar",
        "nina", "tom", "lea",
    ];

    public static readonly string[] LastNames =
    [
        "smith", "muller", "rossi", "garcia", "martin", "novak", "kowalski", "jansen", "berg", "silva", "dubois",
        "fischer", "weber", "meyer", "wagner", "becker", "schulz", "hoffmann", "lopez", "moreau", "ricci", "nowak",
        "horvat", "nagy", "popescu", "larsen", "nielsen", "virtanen", "murphy", "kelly",
    ];

    public static readonly string[] MailDomains = ["gmail.com", "outlook.com", "yahoo.com", "gmx.de", "web.de", "orange.fr", "libero.it", "icloud.com"];

    private static string[] BuildProducts()
    {
        var list = new List<string>(Adjectives.Length * Nouns.Length * Colours.Length);
        foreach (string a in Adjectives)
        {
            foreach (string n in Nouns)
            {
                foreach (string c in Colours) list.Add($"{a}-{n}-{c}");
            }
        }

        return list.ToArray();
    }

    private static string[] BuildSearchTerms()
    {
        var list = new List<string>();
        foreach (string n in Nouns) list.Add(n.Replace('-', '+'));
        foreach (string a in Adjectives)
        {
            for (int i = 0; i < Nouns.Length; i += 3) list.Add($"{a}+{Nouns[i].Replace('-', '+')}");
        }

        foreach (string c in Colours) list.Add($"{c}+{Nouns[c.Length % Nouns.Length]}");
        return list.ToArray();
    }
}
