using Ensuresec.Waf.Sigma;

namespace Ensuresec.Waf.Tests.Sigma;

/// <summary>Rule files that cannot be loaded are reported with their file and reason; the good ones beside them still load.</summary>
public sealed class SigmaBadRuleTests : IDisposable
{
    private const string Good = "title: good\nid: 11111111-2222-3333-4444-555555555555\nlevel: high\ntags: [attack.t1190]\nlogsource: {category: webserver}\ndetection:\n  s:\n    cs-uri-query|contains: '/evil'\n  condition: s\n";

    private readonly string _dir = Directory.CreateTempSubdirectory("ensuresec-sigma-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private SigmaLoader.Problem ProblemOf(string name, string text)
    {
        Write("good.yml", Good);
        string path = Write(name, text);
        var set = SigmaRuleSet.Load([_dir]);
        set.Rules.ShouldHaveSingleItem().Title.ShouldBe("good");
        var problem = set.Problems.ShouldHaveSingleItem();
        problem.File.ShouldBe(path);
        return problem;
    }

    [Fact]
    public void MalformedYaml_NamesTheLine() =>
        ProblemOf("bad.yml", "title: t\nlogsource: {category: webserver\ndetection:\n  s: [a\n").Reason.ShouldContain("line");

    [Fact]
    public void UnknownModifier_IsNamed() =>
        ProblemOf("mod.yml", Good.Replace("|contains", "|containz", StringComparison.Ordinal)).Reason.ShouldContain("modifier 'containz' is not supported");

    [Fact]
    public void DeepNesting_IsRefusedBeforeTheTreeIsBuilt()
    {
        string deep = "title: t\nlogsource: {category: webserver}\ndetection:\n  s: " + new string('[', 100_000) + new string(']', 100_000) + "\n  condition: s\n";
        ProblemOf("deep.yml", deep).Reason.ShouldContain($"nested deeper than {SigmaLoader.MaxDepth} levels");
    }

    [Fact]
    public void HugeFile_IsRefusedUnread()
    {
        string huge = Good + "# " + new string('x', 2 * 1024 * 1024) + "\n";
        ProblemOf("huge.yml", huge).Reason.ShouldContain("larger than 1 MiB");
    }

    [Theory]
    [InlineData("- just\n- a list\n", "must be a mapping")]
    [InlineData("title: t\nlogsource: {category: webserver}\n", "missing detection")]
    [InlineData("title: t\nlogsource: {category: webserver}\ndetection:\n  ? [a]\n  : b\n  condition: x\n", "unknown search")]
    [InlineData("title: t\nlogsource: {category: webserver}\ndetection:\n  s:\n    c-uri|re: '(?<=a)b'\n  condition: s\n", "regular expression")]
    [InlineData("title: t\nlogsource: {category: webserver}\ndetection:\n  s:\n    c-uri|expand: '%a%'\n  condition: s\n", "modifier 'expand' is not supported")]
    [InlineData("title: t\nlogsource: {category: webserver}\ndetection:\n  s:\n    c-uri: a\n  condition: s | count() > 3\n", "aggregation")]
    [InlineData("\u0001\u0002binary", "must be a mapping")]
    [InlineData("title: t\nlogsource: {category: webserver}\ndetection:\n  s:\n    c-uri: *missing\n  condition: s\n", "line")]
    public void OtherBadRules_AreReportedWithAReason(string text, string reason) =>
        ProblemOf("other.yml", text).Reason.ShouldContain(reason);

    [Fact]
    public void SpecificationExamples_CorrelationAndFilterDocuments_SayWhy()
    {
        var set = SigmaRuleSet.Load([Ensuresec.Tests.Support.SharedData.PathOf("sigma-web/sigma-specification/tests")]);
        set.Problems.Count.ShouldBe(10);
        set.Problems.Count(p => p.Reason.StartsWith("correlation rules are not supported", StringComparison.Ordinal)).ShouldBe(8);
        set.Problems.Count(p => p.Reason.StartsWith("filter documents are not supported", StringComparison.Ordinal)).ShouldBe(2);
    }

    [Fact]
    public void MissingFolder_IsAProblemNotACrash()
    {
        var set = SigmaRuleSet.Load([Path.Combine(_dir, "nope")]);
        set.Rules.ShouldBeEmpty();
        set.Problems.ShouldHaveSingleItem().Reason.ShouldBe("folder not found");
    }

    [Fact]
    public void UnmappedField_LoadsWithAWarning()
    {
        Write("dst.yml", Good.Replace("cs-uri-query|contains", "dst_ip", StringComparison.Ordinal));
        var set = SigmaRuleSet.Load([_dir]);
        set.Rules.ShouldHaveSingleItem();
        set.Warnings.ShouldHaveSingleItem().Reason.ShouldContain("dst_ip");
    }
}
