using System.Text;
using Ensuresec.Integrity.Components;
using Ensuresec.Integrity.Components.Osv;
using Ensuresec.Tests.Support;

namespace Ensuresec.Integrity.Tests.Components;

/// <summary>OSV parsing and range semantics against the osv-schema reference records (../shared/data/osv).</summary>
public sealed class OsvTests
{
    private static OsvAdvisory Load(string relative)
    {
        var (advisories, errors) = OsvParser.Load(SharedData.PathOf("osv/" + relative));
        errors.ShouldBeEmpty();
        return advisories.ShouldHaveSingleItem();
    }

    private static bool Affected(OsvAdvisory a, string version) => a.Affected.Any(x => OsvRangeEvaluator.Evaluate(x, version)?.Affected == true);

    [Theory]
    // mixin-deep: events listed out of order (introduced 0, introduced 2.0.0, fixed 2.0.1, fixed 1.3.2) must be sorted
    [InlineData("equals_with_patch.osv.json", "1.3.1", true)]
    [InlineData("equals_with_patch.osv.json", "1.3.2", false)]
    [InlineData("equals_with_patch.osv.json", "1.9.0", false)]
    [InlineData("equals_with_patch.osv.json", "2.0.0", true)]
    [InlineData("equals_with_patch.osv.json", "2.0.1", false)]
    // jquery "> 2.1.0, < 3.0.0" became introduced 2.1.1-0: every pre-release of 2.1.1 is in, 2.1.0 is out
    [InlineData("npm_greater_than.osv.json", "2.1.0", false)]
    [InlineData("npm_greater_than.osv.json", "2.1.1-beta.1", true)]
    [InlineData("npm_greater_than.osv.json", "2.2.4", true)]
    [InlineData("npm_greater_than.osv.json", "3.0.0-rc1", true)]
    [InlineData("npm_greater_than.osv.json", "3.0.0", false)]
    // i18next "<= 1.10.2", first patched 1.10.3
    [InlineData("less_than_equals_with_patch.osv.json", "1.10.2", true)]
    [InlineData("less_than_equals_with_patch.osv.json", "1.10.3", false)]
    // Maven ECOSYSTEM ranges, three intervals
    [InlineData("maven_greater_than.osv.json", "11.6", false)]
    [InlineData("maven_greater_than.osv.json", "11.6.1", true)]
    [InlineData("maven_greater_than.osv.json", "11.10.13", false)]
    [InlineData("maven_greater_than.osv.json", "12.0", true)]
    [InlineData("maven_greater_than.osv.json", "12.6.7", false)]
    [InlineData("maven_greater_than.osv.json", "12.10.1", true)]
    [InlineData("maven_greater_than.osv.json", "12.10.2", false)]
    // RubyGems: "< 3.0.21" and ">= 4.0.1, < 4.0.5"
    [InlineData("multiple_ranges_in_package.osv.json", "3.0.20", true)]
    [InlineData("multiple_ranges_in_package.osv.json", "3.0.21", false)]
    [InlineData("multiple_ranges_in_package.osv.json", "4.0.0", false)]
    [InlineData("multiple_ranges_in_package.osv.json", "4.0.4", true)]
    // an explicit versions list only
    [InlineData("equals_no_patch.osv.json", "1.1.6", true)]
    [InlineData("equals_no_patch.osv.json", "1.1.7", false)]
    public void Evaluate_GhsaReferenceRecords_MatchTheAdvisoryRanges(string file, string version, bool affected)
    {
        Affected(Load("tools/ghsa/testdata/" + file), version).ShouldBe(affected);
    }

    [Fact]
    public void Evaluate_GivesTheFixedVersionOfTheMatchingInterval()
    {
        var a = Load("tools/ghsa/testdata/maven_greater_than.osv.json").Affected.Single();
        OsvRangeEvaluator.Evaluate(a, "12.1")!.Value.FixedIn.ShouldBe("12.6.7");
        OsvRangeEvaluator.Evaluate(a, "11.7")!.Value.FixedIn.ShouldBe("11.10.13");
    }

    [Fact]
    public void Evaluate_LastAffectedIsInclusive()
    {
        var affected = new OsvAffected("npm", "x", [new OsvRange("SEMVER", [new("introduced", "1.0.0"), new("last_affected", "1.4.2")])], [], [], null);
        OsvRangeEvaluator.Evaluate(affected, "1.4.2")!.Value.Affected.ShouldBeTrue();
        OsvRangeEvaluator.Evaluate(affected, "1.4.3")!.Value.Affected.ShouldBeFalse();
        OsvRangeEvaluator.Evaluate(affected, "0.9.0")!.Value.Affected.ShouldBeFalse();
    }

    [Fact]
    public void Auditor_WithdrawnAdvisory_IsIgnored()
    {
        var withdrawn = Load("tools/ghsa/testdata/withdrawn.osv.json");
        withdrawn.Withdrawn.ShouldNotBeNull();
        new ComponentAuditor([withdrawn]).Audit([new Component("RubyGems", "activesupport", "3.2.5", "Gemfile.lock")], []).ShouldBeEmpty();
    }

    [Fact]
    public void Auditor_PyPiEcosystemRangeAndCvss_GiveSeverityAndFix()
    {
        var advisory = Load("tools/osv-linter/testdata/PYSEC-2023-74.json");
        var v = new ComponentAuditor([advisory]).Audit([new Component("PyPI", "requests", "2.30.0", "requirements.txt")], []).ShouldHaveSingleItem();
        v.FixedIn.ShouldBe("2.31.0");
        new ComponentAuditor([advisory]).Audit([new Component("PyPI", "requests", "2.31.0", "requirements.txt")], []).ShouldBeEmpty();
    }

    [Fact]
    public void Auditor_CvssVector_SetsTheSeverity()
    {
        var gradio = Load("tools/osv-linter/testdata/GHSA-9v2f-6vcg-3hgv.json");
        var v = new ComponentAuditor([gradio]).Audit([new Component("PyPI", "gradio", "4.36.1", "x")], []).ShouldHaveSingleItem();
        v.Severity.ShouldBe(Ensuresec.Core.Events.Severity.Critical);
        v.SeveritySource.ShouldContain("9.8");
        ComponentAuditor.ToFinding(v, DateTimeOffset.UnixEpoch).RuleId.ShouldBe("ES-SCA-001");
    }

    [Fact]
    public void Auditor_MaliciousPackage_IsCriticalEsSca002()
    {
        var mal = Load("tools/osv-linter/testdata/MAL-2024-10238.json");
        var v = new ComponentAuditor([mal]).Audit([new Component("PyPI", "123bla", "0.0.1", "x")], []).ShouldHaveSingleItem();
        ComponentAuditor.ToFinding(v, DateTimeOffset.UnixEpoch).RuleId.ShouldBe("ES-SCA-002");
        v.Severity.ShouldBe(Ensuresec.Core.Events.Severity.Critical);
    }

    [Theory]
    // the osv-linter's broken records and expected complaints
    [InlineData("tools/osv-linter/testdata/nointroduced-CVE-2023-41045.json", "no 'introduced' event")]
    [InlineData("tools/osv-linter/testdata/RHSA-2022_0216.json", "'affected' is missing")]
    [InlineData("tools/osv-linter/testdata/SUSE-FU-2022_0444-1.json", "'affected' cannot be empty")]
    public void Parse_BrokenReferenceRecords_AreRejectedWithTheReason(string file, string reason)
    {
        var (advisories, errors) = OsvParser.Load(SharedData.PathOf("osv/" + file));
        advisories.ShouldBeEmpty();
        errors.ShouldHaveSingleItem().ShouldContain(reason);
    }

    [Theory]
    [InlineData("{", "invalid JSON")]
    [InlineData("42", "must be a JSON object")]
    [InlineData("{\"affected\":[]}", "'id' is missing")]
    [InlineData("{\"id\":\"X-1\",\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"a\"},\"ranges\":[{\"type\":\"RANGE\",\"events\":[{\"introduced\":\"0\"}]}]}]}", "ranges[0].type")]
    [InlineData("{\"id\":\"X-1\",\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"a\"},\"ranges\":[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"0\",\"fixed\":\"1\"}]}]}]}", "exactly one of")]
    [InlineData("{\"id\":\"X-1\",\"withdrawn\":\"yesterday\",\"affected\":[]}", "'withdrawn' is not a time")]
    public void Parse_MalformedRecord_NamesTheField(string json, string expected)
    {
        var advisories = new List<OsvAdvisory>();
        var errors = new List<string>();
        OsvParser.Parse(Encoding.UTF8.GetBytes(json), "adv.json", advisories, errors);
        advisories.ShouldBeEmpty();
        errors.ShouldHaveSingleItem().ShouldContain(expected);
    }

    [Fact]
    public void Parse_OneBadRecordInAnArray_KeepsTheGoodOnes()
    {
        var advisories = new List<OsvAdvisory>();
        var errors = new List<string>();
        OsvParser.Parse(Encoding.UTF8.GetBytes("[{\"id\":\"A-1\",\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"a\"},\"versions\":[\"1.0.0\"]}]}, {\"nope\":1}]"), "all.json", advisories, errors);
        advisories.ShouldHaveSingleItem().Id.ShouldBe("A-1");
        errors.ShouldHaveSingleItem().ShouldContain("all.json[1]");
    }

    [Theory]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1)]
    [InlineData("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N", 5.5)]
    [InlineData("CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:N/A:N", 3.7)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 9.9)]
    [InlineData("CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:N", 0.0)]
    public void Cvss_V3Vectors_ScoreAsTheSpecificationSays(string vector, double score)
    {
        Cvss.BaseScoreV3(vector).ShouldBe(score);
    }

    [Theory]
    [InlineData("CVSS:3.1/AV:N")]
    [InlineData("CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P")]
    [InlineData("CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")]
    [InlineData("CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H")]
    public void Cvss_BrokenVector_IsNull(string vector)
    {
        Cvss.BaseScoreV3(vector).ShouldBeNull();
    }
}
