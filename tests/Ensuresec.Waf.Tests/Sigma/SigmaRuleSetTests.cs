using Ensuresec.Core.Events;
using Ensuresec.Ingest;
using Ensuresec.Tests.Support;
using Ensuresec.Waf.Sigma;

namespace Ensuresec.Waf.Tests.Sigma;

/// <summary>The indexed rule set on the real SigmaHQ web rules: what loads, that the index loses nothing, what apache_logs raises.</summary>
public sealed class SigmaRuleSetTests
{
    private static readonly string[] Folders = [SharedData.PathOf("sigma-web/rules/web"), SharedData.PathOf("sigma-web/emerging-threats-web")];

    private static readonly Lazy<SigmaRuleSet> Webserver = new(() => SigmaRuleSet.Load(Folders));

    private static readonly Lazy<List<SecurityEvent>> ApacheLog = new(() =>
    {
        var parser = new AccessLogParser();
        string path = SharedData.PathOf("access-logs/apache_logs");
        var events = new List<SecurityEvent>();
        long n = 0;
        foreach (string line in File.ReadLines(path))
        {
            if (parser.TryParse(line, path, ++n, out var e, out _)) events.Add(e with { Id = n.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        return events;
    });

    internal static SecurityEvent Event(string target, string method = "GET", int status = 200, string agent = "Mozilla/5.0 (X11; Linux x86_64)", string? referrer = null)
    {
        int q = target.IndexOf('?', StringComparison.Ordinal);
        return new SecurityEvent
        {
            Id = "e1", Timestamp = DateTimeOffset.UnixEpoch, Action = EventActions.HttpRequest, HttpMethod = method, StatusCode = status, UserAgent = agent,
            UrlPath = q < 0 ? target : target[..q], UrlQuery = q < 0 ? null : target[(q + 1)..], SourceIp = "198.51.100.4", Referrer = referrer,
        };
    }

    private static List<string> Titles(SigmaRuleSet set, SecurityEvent e)
    {
        var matches = new List<SigmaMatch>();
        set.Match(WebFieldValues.From(e), matches);
        return [.. matches.Select(m => m.Rule.Title)];
    }

    [Fact]
    public void Load_SigmaHq_PinnedCounts()
    {
        var set = Webserver.Value;
        set.Problems.ShouldBeEmpty();
        set.Rules.Count.ShouldBe(89);
        set.OtherLogsource.ShouldBe(56);
        set.Warnings.ShouldBeEmpty();
        // Every SigmaHQ webserver rule requires some literal, so none is evaluated on every request.
        set.AlwaysEvaluated.ShouldBe(0);
        var all = SigmaRuleSet.Load(Folders, SigmaLogsource.All);
        all.Rules.Count.ShouldBe(145);
        all.Warnings.Select(w => Path.GetFileName(w.File)).ShouldBe(["proxy_webdav_external_execution.yml"], ignoreOrder: true);
    }

    [Fact]
    public void Index_OnApacheLogsAndAttacks_FindsExactlyWhatEveryRuleAlone()
    {
        var all = SigmaRuleSet.Load(Folders, SigmaLogsource.All);
        var events = ApacheLog.Value.Concat(
        [
            Event("/download?file=../../../etc/passwd"), Event("/?x=${jndi:ldap://evil/a}"), Event("/a?q={{7*7}}"),
            Event("/.git/config"), Event("/index.php?id=1%20UNION%20SELECT%201,2"), Event("/x", agent: "${jndi:ldap://a/b}"),
            Event("/cgi-bin/.%2e/.%2e/.%2e/bin/sh"), Event("/ecp/DDI/DDIService.svc/SetObject?schema=Reset&x=VirtualDirectory", "POST"),
        ]);
        foreach (var e in events)
        {
            var fields = WebFieldValues.From(e);
            var indexed = new List<SigmaMatch>();
            all.Match(fields, indexed);
            var brute = all.Rules.Where(r => r.Matches(fields, out _)).Select(r => r.Id).ToList();
            indexed.Select(m => m.Rule.Id).ShouldBe(brute, $"event {e.Id} {e.UrlPath}");
        }
    }

    [Fact]
    public void ApacheLogs_WebserverRules_FalsePositivesListed()
    {
        // Every match of the 89 webserver rules on the 10,000 lines, pinned: line, rule title. Each was read:
        var flagged = new List<string>();
        foreach (var e in ApacheLog.Value)
        {
            foreach (string title in Titles(Webserver.Value, e)) flagged.Add($"{e.Id} {title}");
        }

        flagged.ShouldBe(ApacheLogsFlagged);
    }

    // Filled from the run above and reviewed in docs/WAF.md (Sigma).
    private static readonly string[] ApacheLogsFlagged = [];

    [Theory]
    [InlineData("/download?file=../../../etc/passwd", "Path Traversal Exploitation Attempts")]
    [InlineData("/?x=${jndi:ldap://evil/a}", "Log4j RCE CVE-2021-44228 Generic")]
    [InlineData("/app/.git/HEAD", "Source Code Enumeration Detection by Keyword")]
    [InlineData("/page?name={{7*7}}", "Server Side Template Injection Strings")]
    public void Match_Attack_FiresItsRuleWithEvidence(string target, string title)
    {
        var matches = new List<SigmaMatch>();
        Webserver.Value.Match(WebFieldValues.From(Event(target)), matches);
        var m = matches.FirstOrDefault(x => x.Rule.Title == title).ShouldNotBeNull();
        m.Evidence.ShouldNotBeNull().Value.ShouldContain(target.Split('?')[0]);
        m.Evidence.Field.ShouldNotBe("cs-method");
    }

    [Fact]
    public void Match_BenignShopRequests_FireNothing()
    {
        Titles(Webserver.Value, Event("/shop/product/42?color=blue&size=m", referrer: "https://shop.example/")).ShouldBeEmpty();
        Titles(Webserver.Value, Event("/checkout/cart/add", "POST")).ShouldBeEmpty();
        Titles(Webserver.Value, Event("/static/app.min.js?v=3.2.1")).ShouldBeEmpty();
    }

    [Fact]
    public void KeywordsWithModifiers_AllMustAppearAnywhere()
    {
        const string yaml = "title: t\nlogsource: {category: webserver}\ndetection:\n  kw:\n    '|all':\n      - '/tmui/Control/form'\n      - 'form_page='\n  condition: kw\n";
        var (rule, reason) = SigmaLoader.Parse(yaml, "t.yml");
        reason.ShouldBeNull();
        var set = SigmaRuleSet.Create([rule!], [], SigmaLogsource.Webserver);
        Titles(set, Event("/tmui/Control/form?form_page=x")).ShouldBe(["t"]);
        Titles(set, Event("/tmui/Control/form?other=x")).ShouldBeEmpty();
        Titles(set, Event("/x?form_page=1", agent: "/TMUI/control/FORM")).ShouldBe(["t"]);
    }

    [Fact]
    public void Conditions_AllOfThemAndNotAlone_AreEvaluated()
    {
        const string yaml = "title: t\nlogsource: {category: webserver}\ndetection:\n  a:\n    cs-method: POST\n  b:\n    c-uri|endswith: '.php'\n  condition: all of them\n";
        var set = SigmaRuleSet.Create([SigmaLoader.Parse(yaml, "t.yml").Rule!], [], SigmaLogsource.Webserver);
        Titles(set, Event("/x.php", "POST")).ShouldBe(["t"]);
        Titles(set, Event("/x.php")).ShouldBeEmpty();

        // A rule that can match without any literal (only a negation) is evaluated on every event.
        const string negation = "title: n\nlogsource: {category: webserver}\ndetection:\n  ok:\n    cs-method:\n      - GET\n      - POST\n  condition: not ok\n";
        var always = SigmaRuleSet.Create([SigmaLoader.Parse(negation, "n.yml").Rule!], [], SigmaLogsource.Webserver);
        always.AlwaysEvaluated.ShouldBe(1);
        Titles(always, Event("/x", "PROPFIND")).ShouldBe(["n"]);
        Titles(always, Event("/x")).ShouldBeEmpty();
    }

    [Fact]
    public void FullRequest_HeadersFeedHostCookieAndContentType()
    {
        const string yaml = "title: h\nlogsource: {category: webserver}\ndetection:\n  s:\n    cs-host|endswith: '.internal'\n    cs-cookie|contains: 'admin=1'\n  condition: s\n";
        var set = SigmaRuleSet.Create([SigmaLoader.Parse(yaml, "h.yml").Rule!], [], SigmaLogsource.Webserver);
        var request = new Model.HttpRequestData { Method = "GET", Target = "/", Headers = [new("Host", "db.internal"), new("Cookie", "sid=1; admin=1")] };
        var matches = new List<SigmaMatch>();
        set.Match(WebFieldValues.From(request, "192.0.2.1"), matches);
        matches.ShouldHaveSingleItem().Evidence!.Field.ShouldBe("cs-host");
        // An access log has no Host or Cookie header: the rule cannot match there.
        Titles(set, Event("/")).ShouldBeEmpty();
    }
}
