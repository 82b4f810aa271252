using System.Text.Json;
using System.Xml.Linq;
using Ensuresec.Assessment.Catalogue;
using Ensuresec.Assessment.Graph;
using Ensuresec.Assessment.Report;
using Ensuresec.Assessment.Tests.Support;

namespace Ensuresec.Assessment.Tests.Report;

public sealed class ReportTests
{
    private const string Hostile = "<script>alert('x')</script>&\"";

    private static AssessmentReport Assess(string yaml, double threshold = 0.5) =>
        Assessor.Assess(Models.Valid(yaml), ThreatCatalogue.ECommerce, new AssessOptions(threshold, 5, PathRanking.Likelihood, []));

    private static string HostileModel() => $$"""
        name: "shop {{Hostile.Replace("\"", "\\\"", StringComparison.Ordinal)}}"
        description: "<img src=x onerror=alert(1)>"
        zones:
          - { name: "<b>internet</b>", trust: untrusted }
          - { name: internal, trust: internal }
        assets:
          - { name: "<svg onload=alert(1)>", type: web-app, zone: "<b>internet</b>", data: [card-data, "<i>data</i>"] }
          - { name: "db</text><script>x()</script>", type: database, zone: internal, crown_jewel: true, weaknesses: [{ cve: CVE-2021-44228, cvss: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", component: "<iframe>" }] }
        connections:
          - { from: "<svg onload=alert(1)>", to: "db</text><script>x()</script>" }
        """;

    [Fact]
    public void Html_HostileNames_AreEscapedEverywhere()
    {
        string html = HtmlReport.Render(Assess(HostileModel()));
        html.ShouldNotContain("<script>", Case.Insensitive);
        html.ShouldNotContain("<svg onload", Case.Insensitive);
        html.ShouldNotContain("<img", Case.Insensitive);
        html.ShouldNotContain("<iframe", Case.Insensitive);
        html.ShouldNotContain("<b>internet</b>", Case.Insensitive);
        html.ShouldNotContain("<i>data</i>", Case.Insensitive);
        html.ShouldNotContain("</text><script>", Case.Insensitive);
        html.ShouldContain("&lt;svg onload=alert(1)&gt;");
        html.ShouldContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        // The only script-capable tags are our own svg drawing; no script element at all.
        html.Split("<svg", StringSplitOptions.None).Length.ShouldBe(2);
    }

    [Fact]
    public void Html_GraphSvg_IsWellFormedXmlEvenWithHostileNames()
    {
        string svg = AttackGraphSvg.Render(Assess(HostileModel()));
        var doc = XDocument.Parse(svg.Replace("…", "...", StringComparison.Ordinal));
        XNamespace ns = "http://www.w3.org/2000/svg";
        doc.Root!.Name.ShouldBe(ns + "svg");
        doc.Descendants(ns + "script").ShouldBeEmpty();
        doc.Descendants(ns + "rect").Count().ShouldBeGreaterThan(2);
        doc.Descendants(ns + "text").Select(t => t.Value).ShouldContain(v => v.Contains("<svg onload", StringComparison.Ordinal));
    }

    [Fact]
    public void Html_ExampleReports_ContainEverySection()
    {
        foreach (string file in Models.ExampleModels)
        {
            string html = HtmlReport.Render(Assess(File.ReadAllText(file)));
            foreach (string section in new[] { "Top attack paths", "Recommended controls", "Risk per asset", "Cascading effects", "Attack graph", "Threats per element" })
            {
                html.ShouldContain(section);
            }

            html.ShouldContain("<svg");
            html.ShouldContain("class=\"edge hot\"");
        }
    }

    [Fact]
    public void Layout_NodesNeverOverlapAndForwardEdgesGoRight()
    {
        var report = Assess(File.ReadAllText(Models.RepositoryPath("examples/models/retailer.yaml")));
        var g = report.Graph;
        var nodes = g.Nodes.Select(n => n.Id).ToList();
        var edges = g.Edges.Select(e => (e.From, e.To)).ToList();
        var layout = LayeredLayout.Compute(nodes, edges);
        layout.Positions.Count.ShouldBe(nodes.Count);
        var boxes = layout.Positions.Values.ToList();
        for (int i = 0; i < boxes.Count; i++)
        {
            for (int j = i + 1; j < boxes.Count; j++)
            {
                bool apart = Math.Abs(boxes[i].X - boxes[j].X) >= LayeredLayout.NodeWidth || Math.Abs(boxes[i].Y - boxes[j].Y) >= LayeredLayout.NodeHeight;
                apart.ShouldBeTrue();
            }
        }

        foreach (var (from, to) in edges.Where(e => e.From != e.To && !layout.Reversed.Contains(e)))
        {
            layout.Positions[to].X.ShouldBeGreaterThan(layout.Positions[from].X);
        }

        layout.Positions[AttackGraph.AttackerNode].X.ShouldBe(LayeredLayout.Margin);
        boxes.ShouldAllBe(b => b.X + LayeredLayout.NodeWidth <= layout.Width && b.Y + LayeredLayout.NodeHeight <= layout.Height);
    }

    [Fact]
    public void Json_HasPathsRisksControlsAndCascades()
    {
        var report = Assess(File.ReadAllText(Models.RepositoryPath("examples/models/retailer.yaml")));
        using var stream = new MemoryStream();
        JsonReport.Write(report, stream);
        using var doc = JsonDocument.Parse(stream.ToArray());
        var root = doc.RootElement;
        root.GetProperty("model").GetString().ShouldBe("Retailer web platform");
        var jewels = root.GetProperty("crown_jewels").EnumerateArray().ToList();
        jewels.Select(j => j.GetProperty("asset").GetString()).ShouldBe(["storefront", "customer-db", "payment-gateway"]);
        var step = jewels[2].GetProperty("paths")[0].GetProperty("steps").EnumerateArray().Last();
        step.GetProperty("threat").GetString().ShouldBe("card-testing");
        root.GetProperty("recommended_controls").GetProperty("method").GetString()!.ShouldStartWith("exact");
        root.GetProperty("recommended_controls").GetProperty("controls").GetArrayLength().ShouldBeGreaterThan(0);
        root.GetProperty("risks").EnumerateArray().ShouldContain(r => r.GetProperty("asset").GetString() == "payment-gateway" && r.GetProperty("risk").GetDouble() > r.GetProperty("risk_after").GetDouble());
        root.GetProperty("cascades").EnumerateArray().ShouldContain(c => c.GetProperty("asset").GetString() == "customer-db" && c.GetProperty("event").GetString() == "down");
        root.GetProperty("threats").EnumerateArray().ShouldContain(t => t.GetProperty("threat").GetString() == "web-skimming");
    }

    [Fact]
    public void Assess_RecommendedControls_BringEveryJewelUnderTheThreshold()
    {
        foreach (string file in Models.ExampleModels)
        {
            var report = Assess(File.ReadAllText(file));
            report.Plan.Uncuttable.ShouldBeEmpty();
            report.Risks.Where(r => r.Asset.CrownJewel).ShouldAllBe(r => r.RiskAfter < 0.5);
            report.HasRiskAboveThreshold.ShouldBeTrue();
        }
    }

    [Fact]
    public void Console_Summary_HasTopPathsRisksControlsAndNoControlCharacters()
    {
        var report = Assess(HostileModel().Replace("description: \"<img src=x onerror=alert(1)>\"", "description: \"x\"", StringComparison.Ordinal));
        using var writer = new StringWriter();
        ConsoleSummary.Write(report, writer);
        string text = writer.ToString();
        text.ShouldContain("Top paths to crown jewel");
        text.ShouldContain("Recommended controls");
        text.ShouldContain("Risk per asset");
        text.Where(c => char.IsControl(c) && c is not '\n' and not '\r').ShouldBeEmpty();
    }
}
