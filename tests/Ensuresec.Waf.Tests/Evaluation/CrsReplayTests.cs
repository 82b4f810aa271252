using Ensuresec.Tests.Support;
using Ensuresec.Waf.Evaluation;
using Ensuresec.Waf.Model;

namespace Ensuresec.Waf.Tests.Evaluation;

/// <summary>Regression guards on the reference data: the figures in docs/WAF.md may only go up.</summary>
public sealed class CrsReplayTests
{
    private static readonly Lazy<List<CaseResult>> Results = new(() =>
    {
        var (cases, errors) = CrsCaseLoader.Load(SharedData.PathOf("crs-tests"));
        errors.ShouldBeEmpty();
        return CrsReplay.Run(cases, new WafAnalyzer(new WafOptions()));
    });

    [Fact]
    public void Replay_AllCases_AreLoadedWithTargetParanoia()
    {
        Results.Value.Count.ShouldBe(2396);
        Results.Value.Count(r => r.Case.TargetParanoia is not null).ShouldBeGreaterThan(2300);
    }

    [Fact]
    public void Replay_DefaultParanoia_DetectsAtLeastNinetyPercentOfAttacks()
    {
        var s = ReplaySummary.Of("all", Results.Value);
        s.Attacks.ShouldBe(2169);
        s.DetectedShare.ShouldBeGreaterThanOrEqualTo(0.90);
    }

    [Fact]
    public void Replay_ParanoiaOneTargets_AreDetectedLikeModSecurity()
    {
        var pl1 = ReplaySummary.Of("pl1", Results.Value.Where(r => r.Case.TargetParanoia == 1));
        pl1.DetectedShare.ShouldBeGreaterThanOrEqualTo(0.95);
    }

    [Fact]
    public void Replay_Detection_RequiresTheCaseClass()
    {
        var sqli = Results.Value.First(r => r.Case.RuleFile.Contains("942", StringComparison.Ordinal) && r.Detected);
        sqli.Findings.ShouldContain(f => f.Class == AttackClass.SqlInjection);
        CrsClassMap.Expected("REQUEST-942-APPLICATION-ATTACK-SQLI", "942100").ShouldBe([AttackClass.SqlInjection]);
        CrsClassMap.Expected("REQUEST-921-PROTOCOL-ATTACK", "921200").ShouldBe([AttackClass.LdapInjection]);
    }

    [Fact]
    public void Load_MissingFolder_ReportsTheFile()
    {
        var (cases, errors) = CrsCaseLoader.Load(Path.Combine(Path.GetTempPath(), "no-such-crs-folder"));
        cases.ShouldBeEmpty();
        errors.Single().ShouldContain(CrsCaseLoader.RequestsFile);
    }

    [Fact]
    public void Load_BadLine_IsReportedWithItsLineNumber()
    {
        string dir = Directory.CreateTempSubdirectory("crs-").FullName;
        try
        {
            File.WriteAllLines(Path.Combine(dir, CrsCaseLoader.RequestsFile), ["{\"test_title\":\"x\"}", "not json"]);
            var (_, errors) = CrsCaseLoader.Load(dir);
            errors.Count.ShouldBe(2);
            errors[1].ShouldContain(":2:");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
