using Ensuresec.Assessment.Catalogue;
using Ensuresec.Assessment.Graph;
using Ensuresec.Assessment.Report;
using Ensuresec.Assessment.Tests.Support;
using FsCheck;
using FsCheck.Fluent;

namespace Ensuresec.Assessment.Tests.Model;

/// <summary>Mangled models give errors or an assessment, never an exception.</summary>
public sealed class FuzzTests
{
    private static readonly string[] Sources = [.. Models.ExampleModels.Select(File.ReadAllText)];

    private static readonly string[] Inserts = ["\n", ":", "- ", "[", "]", "{", "}", "\"", "'", "#", "&a ", "*a", "!!binary ", "  ", "\t", "?", "|", ">", ",", "\u0000", "\uFFFE", "é", "-1e999", "crown_jewel: true", "depends_on: [x]", "kind: contains"];

    [Fact]
    public void Load_MangledExamples_NeverThrows()
    {
        var edits = from source in Gen.Choose(0, Sources.Length - 1)
                    from count in Gen.Choose(1, 4)
                    from positions in Gen.ArrayOf(Gen.Choose(0, 100_000), count)
                    from inserts in Gen.ArrayOf(Gen.Choose(0, Inserts.Length - 1), count)
                    from cut in Gen.Choose(0, 3)
                    select (source, positions, inserts, cut);
        Prop.ForAll(edits.ToArbitrary(), e =>
        {
            string text = Sources[e.source];
            for (int i = 0; i < e.positions.Length; i++)
            {
                int at = e.positions[i] % (text.Length + 1);
                text = text.Insert(at, Inserts[e.inserts[i % e.inserts.Length]]);
            }

            if (e.cut == 0) text = text[..(e.positions[0] % (text.Length + 1))];
            var result = Models.Load(text, "fuzz.yaml");
            if (result.Model is null) return result.Errors.Count > 0 && result.Errors.All(x => x.File == "fuzz.yaml");
            var report = Assessor.Assess(result.Model, result.Catalogue!, new AssessOptions(0.5, 3, PathRanking.Likelihood, []));
            return HtmlReport.Render(report).Length > 0;
        }).Check(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(150));
    }

    [Fact]
    public void Assess_SameThreatTwiceAsAWeakness_CountsOnce()
    {
        var model = Models.Valid(Models.Minimal.Replace("data: [personal-data] }",
            "data: [personal-data], weaknesses: [{ threat: bulk-export }, { threat: bulk-export, stopped_by: [backups] }] }", StringComparison.Ordinal));
        var report = Assessor.Assess(model, ThreatCatalogue.ECommerce, new AssessOptions(0.5, 3, PathRanking.Likelihood, []));
        var known = report.Threats.Where(t => t.Threat.Id == "bulk-export" && t.Element.Name == "db").ShouldHaveSingleItem();
        known.StoppedBy.ShouldContain("backups");
    }
}
