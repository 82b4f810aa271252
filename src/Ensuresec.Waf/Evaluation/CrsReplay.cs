using Ensuresec.Waf.Http;

namespace Ensuresec.Waf.Evaluation;

/// <summary>Replays CRS cases through the analyser.</summary>
public static class CrsReplay
{
    public static List<CaseResult> Run(IEnumerable<CrsCase> cases, WafAnalyzer analyzer)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(analyzer);
        var results = new List<CaseResult>();
        foreach (var c in cases)
        {
            if (!RawRequestParser.TryParse(c.Request, out var request, out string error))
            {
                // A request too broken to parse is a protocol violation in itself; the analyser never saw it.
                bool protocol = CrsClassMap.Expected(c.RuleFile, c.TargetRule).Contains(Model.AttackClass.Protocol);
                results.Add(new CaseResult(c, protocol, true, [], error, true));
                continue;
            }

            var verdict = analyzer.Analyze(request!);
            var expected = CrsClassMap.Expected(c.RuleFile, c.TargetRule);
            bool detected = verdict.Findings.Any(f => expected.Contains(f.Class));
            results.Add(new CaseResult(c, detected, verdict.Findings.Count > 0, verdict.Findings, null, verdict.IsAttack));
        }

        return results;
    }
}
