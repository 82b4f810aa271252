using Ensuresec.Waf.Exclusions;
using Ensuresec.Waf.Model;

namespace Ensuresec.Waf.Tests.Exclusions;

public sealed class ExclusionLoaderTests
{
    [Fact]
    public void Parse_ValidFile_ReadsEveryCriterion()
    {
        var (rules, errors) = ExclusionLoader.Parse("exclusions:\n  - path: /admin/\n    argument: content*\n    class: xss\n    rule: ES-WAF-941-TAG\n    reason: editor HTML\n", "site.yaml");
        errors.ShouldBeEmpty();
        var r = rules.Single();
        r.PathPrefix.ShouldBe("/admin/");
        r.Class.ShouldBe(AttackClass.CrossSiteScripting);
        r.Matches("/admin/page", RequestPart.BodyValue, "content_1", AttackClass.CrossSiteScripting, "ES-WAF-941-TAG").ShouldBeTrue();
        r.Matches("/shop/page", RequestPart.BodyValue, "content_1", AttackClass.CrossSiteScripting, "ES-WAF-941-TAG").ShouldBeFalse();
        r.Matches("/admin/page", RequestPart.BodyValue, "title", AttackClass.CrossSiteScripting, "ES-WAF-941-TAG").ShouldBeFalse();
    }

    [Theory]
    [InlineData("exclusions:\n  - path: admin\n", "site.yaml:2: path must start with '/'")]
    [InlineData("exclusions:\n  - class: sqli-ish\n", "site.yaml:2: unknown class 'sqli-ish'")]
    [InlineData("exclusions:\n  - colour: red\n", "site.yaml:2: unknown key 'colour'")]
    [InlineData("exclusions:\n  - reason: nothing else\n", "site.yaml:2: an exclusion needs at least one")]
    [InlineData("exclusions: [\n", "site.yaml:")]
    [InlineData("rules: []\n", "site.yaml:1: expected a mapping with an 'exclusions' list")]
    public void Parse_Mistake_IsReportedWithFileAndLine(string yaml, string expected)
    {
        var (rules, errors) = ExclusionLoader.Parse(yaml, "site.yaml");
        rules.ShouldBeEmpty();
        errors.ShouldContain(e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Analyzer_ExcludedArgument_DropsOnlyThatArgumentsFindings()
    {
        var (rules, _) = ExclusionLoader.Parse("exclusions:\n  - path: /cms\n    argument: body\n    class: xss\n", "x");
        var analyzer = new WafAnalyzer(new WafOptions { Exclusions = new ExclusionSet(rules) });
        var v = analyzer.Analyze(Requests.Post("/cms/save", "application/x-www-form-urlencoded", "body=%3Cscript%3Ex%3C/script%3E&title=%3Cscript%3Ey%3C/script%3E"));
        v.Findings.ShouldNotContain(f => f.Name == "body");
        v.Findings.ShouldContain(f => f.Name == "title" && f.Class == AttackClass.CrossSiteScripting);
    }

    [Fact]
    public void Packs_AllLoad()
    {
        foreach (string name in ExclusionPacks.Names) ExclusionPacks.Load(name).ShouldNotBeEmpty();
    }
}
