using Ensuresec.Core.Events;
using Ensuresec.Tests.Support;
using Ensuresec.Waf.Sigma;

namespace Ensuresec.Waf.Tests.Sigma;

public sealed class SigmaTests
{
    private static readonly Lazy<SigmaLoader.Result> Web = new(() => SigmaLoader.LoadDirectory(SharedData.PathOf("sigma-web/rules")));
    private static readonly Lazy<SigmaLoader.Result> Emerging = new(() => SigmaLoader.LoadDirectory(SharedData.PathOf("sigma-web/emerging-threats-web")));

    private static SecurityEvent Event(string target, string method = "GET", int status = 200, string agent = "Mozilla/5.0 (X11; Linux x86_64)")
    {
        int q = target.IndexOf('?', StringComparison.Ordinal);
        return new SecurityEvent
        {
            Id = "e1", Timestamp = DateTimeOffset.UnixEpoch, Action = EventActions.HttpRequest, HttpMethod = method, StatusCode = status, UserAgent = agent,
            UrlPath = q < 0 ? target : target[..q], UrlQuery = q < 0 ? null : target[(q + 1)..], SourceIp = "198.51.100.4",
        };
    }

    private static bool Fires(string title, SecurityEvent e)
    {
        var rule = Web.Value.Rules.Concat(Emerging.Value.Rules).Single(r => r.Title == title);
        return rule.Matches(f => WebEventFields.Get(e, f), WebEventFields.All(e));
    }

    [Fact]
    public void Load_AllSigmaHqWebRules_LoadWithoutProblems()
    {
        Web.Value.Problems.ShouldBeEmpty();
        Web.Value.Rules.Count.ShouldBe(45);
        Emerging.Value.Problems.ShouldBeEmpty();
        Emerging.Value.Rules.Count.ShouldBe(100);
    }

    [Fact]
    public void Load_CorrelationAndFilterDocuments_AreReportedNotDropped()
    {
        var spec = SigmaLoader.LoadDirectory(SharedData.PathOf("sigma-web/sigma-specification/tests"));
        spec.Problems.ShouldNotBeEmpty();
        spec.Problems.ShouldAllBe(p => p.Reason.Length > 0);
        (spec.Rules.Count + spec.Problems.Count).ShouldBe(Directory.EnumerateFiles(SharedData.PathOf("sigma-web/sigma-specification/tests"), "*.yml", SearchOption.AllDirectories).Count());
    }

    [Fact]
    public void Rule_PathTraversal_FiresOnItsPatternOnly()
    {
        Fires("Path Traversal Exploitation Attempts", Event("/download?file=../../../etc/passwd")).ShouldBeTrue();
        Fires("Path Traversal Exploitation Attempts", Event("/download?file=report.pdf")).ShouldBeFalse();
    }

    [Fact]
    public void Rule_SqlInjection_HonoursMethodKeywordsAndTheStatusFilter()
    {
        const string title = "SQL Injection Strings In URI";
        Fires(title, Event("/p?id=1%20UNION%20SELECT%201,2")).ShouldBeTrue();
        Fires(title, Event("/p?id=1%20UNION%20SELECT%201,2", status: 404)).ShouldBeFalse();
        Fires(title, Event("/p?id=1%20UNION%20SELECT%201,2", method: "POST")).ShouldBeFalse();
    }

    [Fact]
    public void Rule_SourceCodeEnumeration_KeywordIsCaseInsensitive()
    {
        Fires("Source Code Enumeration Detection by Keyword", Event("/app/.GIT/config")).ShouldBeTrue();
    }

    [Fact]
    public void Parse_UnsupportedModifier_IsAProblemWithTheReason()
    {
        var (rule, reason) = SigmaLoader.Parse("title: t\nlogsource: {category: webserver}\ndetection:\n  sel:\n    cs-uri-query|fancy: x\n  condition: sel\n", "t.yml");
        rule.ShouldBeNull();
        reason.ShouldNotBeNull().ShouldContain("modifier 'fancy' is not supported");
    }

    [Theory]
    [InlineData("detection:\n  sel:\n    a: b\n  condition: sel | count() > 5\n", "aggregation")]
    [InlineData("detection:\n  sel:\n    a: b\n  condition: sel and other\n", "unknown search 'other'")]
    [InlineData("detection:\n  sel:\n    a: b\n  condition: (sel\n", "missing ')'")]
    [InlineData("detection:\n  sel:\n    a:\n      b: c\n  condition: sel\n", "nested maps")]
    [InlineData("detection:\n  sel:\n    a|re: '(a)\\1'\n  condition: sel\n", "regular expression")]
    public void Parse_BadDetection_IsReported(string detection, string expected)
    {
        var (rule, reason) = SigmaLoader.Parse("title: t\nlogsource: {category: webserver}\n" + detection, "t.yml");
        rule.ShouldBeNull();
        reason.ShouldNotBeNull().ShouldContain(expected);
    }

    [Fact]
    public void Condition_OfAndNot_Evaluate()
    {
        const string yaml = "title: t\nlogsource: {category: webserver}\ndetection:\n  selection_a:\n    cs-uri-query|contains|all: ['/a', 'x=1']\n  selection_b:\n    c-useragent|startswith: 'curl/'\n  filter_ok:\n    sc-status: 404\n  condition: 1 of selection_* and not filter_ok\n";
        var (rule, reason) = SigmaLoader.Parse(yaml, "t.yml");
        reason.ShouldBeNull();
        bool M(SecurityEvent e) => rule!.Matches(f => WebEventFields.Get(e, f), WebEventFields.All(e));
        M(Event("/a?x=1")).ShouldBeTrue();
        M(Event("/a?y=1")).ShouldBeFalse();
        M(Event("/b", agent: "curl/8.1")).ShouldBeTrue();
        M(Event("/b", agent: "curl/8.1", status: 404)).ShouldBeFalse();
    }

    [Fact]
    public void Wildcard_ManyStars_StaysLinear()
    {
        var (rule, _) = SigmaLoader.Parse("title: t\nlogsource: {category: webserver}\ndetection:\n  sel:\n    c-uri: '*a*a*a*a*a*a*a*a*a*a*b'\n  condition: sel\n", "t.yml");
        var e = Event("/" + new string('a', 20000));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        rule!.Matches(f => WebEventFields.Get(e, f), WebEventFields.All(e)).ShouldBeFalse();
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }
}
