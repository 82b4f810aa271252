using System.CommandLine;
using System.Text.Json;
using Ensuresec.Assessment.Tests.Support;
using Ensuresec.Cli.Commands;

namespace Ensuresec.Assessment.Tests.Cli;

public sealed class AssessCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ensuresec-assess-").FullName;
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    public void Dispose()
    {
        _out.Dispose();
        _err.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private int Run(params string[] args) => AssessCommand.Create(_out, _err).Parse(args).Invoke();

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Assess_Retailer_PrintsSummaryWritesHtmlAndJsonAndExitsOne()
    {
        string html = Path.Combine(_dir, "r.html"), json = Path.Combine(_dir, "r.json");
        Run(Models.RepositoryPath("examples/models/retailer.yaml"), "--html", html, "--json", json).ShouldBe(1);
        _out.ToString().ShouldContain("Top paths to crown jewel payment-gateway");
        _out.ToString().ShouldContain("Recommended controls");
        File.ReadAllText(html).ShouldContain("<svg");
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        doc.RootElement.GetProperty("crown_jewels").GetArrayLength().ShouldBe(3);
        _err.ToString().ShouldBeEmpty();
    }

    [Fact]
    public void Assess_JsonToStandardOutput_IsValidJsonOnly()
    {
        Run(Models.RepositoryPath("examples/models/bank.yaml"), "--json", "-", "--no-html").ShouldBe(1);
        using var doc = JsonDocument.Parse(_out.ToString());
        doc.RootElement.GetProperty("model").GetString().ShouldBe("Bank with online payments");
    }

    [Fact]
    public void Assess_ThresholdAboveEveryRisk_ExitsZero()
    {
        Run(Models.RepositoryPath("examples/models/pharmacy.yaml"), "--threshold", "5", "--no-html").ShouldBe(0);
        _out.ToString().ShouldContain("0 path(s)");
    }

    [Fact]
    public void Assess_RankByEffortAndCascadeOption_AreHonoured()
    {
        Run(Models.RepositoryPath("examples/models/pharmacy.yaml"), "--rank", "effort", "--cascade", "refrigerated-van", "--top", "2", "--no-html").ShouldBe(1);
        string text = _out.ToString();
        text.ShouldContain("ranked by effort");
        text.ShouldContain("If refrigerated-van is down:");
        text.ShouldContain("medicine-parcels down");
        text.ShouldNotContain("  3. likelihood");
    }

    [Fact]
    public void Assess_BadModel_PrintsEveryErrorWithFileAndLineAndExitsTwo()
    {
        string model = Write("bad.yaml", Models.Minimal.Replace("zone: internet, data", "zone: nowhere, data", StringComparison.Ordinal));
        Run(model, "--no-html").ShouldBe(2);
        _err.ToString().ShouldContain($"model error: {model}:6:");
        _err.ToString().ShouldContain("assets[0].zone: unknown zone 'nowhere'");
    }

    [Theory]
    [InlineData("--threshold", "0")]
    [InlineData("--threshold", "NaN")]
    [InlineData("--top", "0")]
    [InlineData("--top", "99999999999999999999")]
    [InlineData("--rank", "luck")]
    [InlineData("--cascade", "nobody")]
    [InlineData("--catalogue", "/nonexistent/catalogue.yaml")]
    public void Assess_BadOption_ExitsTwo(string option, string value)
    {
        string model = Write("m.yaml", Models.Minimal);
        Run(model, option, value, "--no-html").ShouldBe(2);
        _err.ToString().ShouldNotBeEmpty();
    }

    [Fact]
    public void Assess_MissingModel_ExitsTwo()
    {
        Run(Path.Combine(_dir, "none.yaml")).ShouldBe(2);
        _err.ToString().ShouldContain("not found");
    }

    [Fact]
    public void Assess_OwnCatalogue_ReplacesTheShippedOne()
    {
        string catalogue = Write("c.yaml", """
            controls: [{ id: guard, cost: 1 }]
            threats: [{ id: walk-in, applies_to: [database], requires: reach, effect: control, likelihood: 0.9, stopped_by: [guard] }]
            """);
        string model = Write("m.yaml", Models.Minimal.Replace("zone: internal, crown_jewel", "zone: internet, crown_jewel", StringComparison.Ordinal));
        Run(model, "--catalogue", catalogue, "--no-html").ShouldBe(1);
        _out.ToString().ShouldContain("guard on db");
        _out.ToString().ShouldNotContain("SQL injection");
    }

    [Fact]
    public void Assess_UnwritableHtml_ExitsTwo()
    {
        string model = Write("m.yaml", Models.Minimal);
        Run(model, "--html", Path.Combine(_dir, "no", "such", "dir", "r.html")).ShouldBe(2);
        _err.ToString().ShouldContain("cannot write output");
    }
}
