using Ensuresec.Assessment.Graph;
using Ensuresec.Assessment.Model;
using Ensuresec.Assessment.Tests.Support;
using Ensuresec.Assessment.Threats;

namespace Ensuresec.Assessment.Tests.Graph;

public sealed class AttackGraphBuilderTests
{
    internal static AttackGraph Build(string yaml)
    {
        var model = Models.Valid(yaml);
        var elements = new ElementSet(model);
        return AttackGraphBuilder.Build(model, elements, ThreatGenerator.Generate(model, elements));
    }

    private static GraphNode? Node(AttackGraph g, string element, Privilege p) =>
        g.Nodes.FirstOrDefault(n => n.Kind == NodeKind.Privilege && n.Element!.Name == element && n.Privilege == p);

    private static bool HasEdge(AttackGraph g, GraphNode? from, GraphNode? to, string? threat = null) =>
        from is not null && to is not null && g.Edges.Any(e => e.From == from.Id && e.To == to.Id && (threat is null || e.ThreatId == threat));

    [Fact]
    public void Build_ExposedAsset_IsReachedFromTheAttackerAndInternalOnesAreNot()
    {
        var g = Build(Models.Minimal);
        g.Edges.ShouldContain(e => e.From == AttackGraph.AttackerNode && e.To == Node(g, "shop", Privilege.Reach)!.Id && e.Kind == EdgeKind.Entry);
        g.Edges.ShouldNotContain(e => e.From == AttackGraph.AttackerNode && g.Nodes[e.To].Element!.Name == "db");
    }

    [Fact]
    public void Build_ThreatSteps_CarryTheirStoppingControlsOnTheElement()
    {
        var g = Build(Models.Minimal);
        var sqli = g.Edges.Single(e => e.ThreatId == "sql-injection");
        g.Nodes[sqli.From].Label.ShouldBe("reach shop");
        g.Nodes[sqli.To].Label.ShouldBe("disclose db");
        int shop = g.Elements.Asset("shop").Index;
        sqli.Stoppers.ShouldBe([new CandidateControl("parameterised-queries", shop), new CandidateControl("waf", shop)], ignoreOrder: true);
        sqli.Attack.ShouldBe("T1190");
    }

    [Fact]
    public void Build_Connections_PassPrivilegesAsDocumented()
    {
        string yaml = """
            name: m
            zones: [{ name: out, trust: untrusted }, { name: in, trust: internal }]
            assets:
              - { name: clerk, type: staff-role, zone: in, exposed: true }
              - { name: console, type: admin-console, zone: in, data: [payments] }
              - { name: vendor, type: plugin, zone: out }
              - { name: shop, type: web-app, zone: in, crown_jewel: true }
              - { name: van, type: delivery-van, zone: out, data: [cold-chain] }
              - { name: parcel, type: parcel, zone: in, crown_jewel: true }
            connections:
              - { from: clerk, to: console, kind: uses }
              - { from: vendor, to: shop, kind: supplies }
              - { from: van, to: parcel, kind: contains }
            """;
        var g = Build(yaml);
        HasEdge(g, Node(g, "clerk", Privilege.Control), Node(g, "console", Privilege.User)).ShouldBeTrue();
        HasEdge(g, Node(g, "vendor", Privilege.Control), Node(g, "shop", Privilege.Control)).ShouldBeTrue();
        HasEdge(g, Node(g, "van", Privilege.Control), Node(g, "parcel", Privilege.Control)).ShouldBeTrue();
        HasEdge(g, Node(g, "van", Privilege.Deny), Node(g, "parcel", Privilege.Deny)).ShouldBeTrue();
        HasEdge(g, Node(g, "van", Privilege.Tamper), Node(g, "parcel", Privilege.Tamper)).ShouldBeTrue();
        HasEdge(g, Node(g, "clerk", Privilege.Reach), Node(g, "clerk", Privilege.Control), "insider-abuse").ShouldBeTrue();
        HasEdge(g, Node(g, "van", Privilege.Reach), Node(g, "van", Privilege.Tamper), "cold-chain-tampering").ShouldBeTrue();
    }

    [Fact]
    public void Build_DisclosedData_IsHeldAndEnablesThreatsThatNeedIt()
    {
        string yaml = """
            name: m
            zones: [{ name: out, trust: untrusted }, { name: in, trust: internal }]
            assets:
              - { name: atm, type: atm, zone: out, data: [card-data] }
              - { name: psp, type: payment-gateway, zone: in, crown_jewel: true }
            """;
        var g = Build(yaml);
        var holds = g.Nodes.Single(n => n.Kind == NodeKind.Data && n.DataClass == "card-data");
        HasEdge(g, Node(g, "atm", Privilege.Disclose), holds).ShouldBeTrue();
        g.Edges.ShouldContain(e => e.From == holds.Id && e.To == Node(g, "psp", Privilege.Tamper)!.Id && e.ThreatId == "card-not-present-fraud");
        new PathFinder(g).BestPaths(g.GoalsOf(g.Elements.Asset("psp")), 1, PathRanking.Likelihood).ShouldHaveSingleItem()
            .Likelihood.ShouldBe(0.3 * 0.5, 1e-9);
    }

    [Theory]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", Privilege.Reach, new[] { Privilege.Control })]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N", Privilege.User, new[] { Privilege.Disclose })]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:L/A:H", Privilege.Reach, new[] { Privilege.Tamper, Privilege.Deny })]
    public void Build_Cve_IsAStepFromItsPrivilegesToTheHarmsItsVectorScores(string vector, Privilege from, Privilege[] effects)
    {
        string yaml = Models.Minimal.Replace("data: [card-data] }", $"data: [card-data], weaknesses: [{{ cve: CVE-2099-0001, cvss: \"{vector}\", fix_cost: 4 }}] }}", StringComparison.Ordinal);
        var g = Build(yaml);
        var steps = g.Edges.Where(e => e.Kind == EdgeKind.Weakness).ToList();
        steps.Select(e => g.Nodes[e.To].Privilege).ShouldBe(effects, ignoreOrder: true);
        steps.ShouldAllBe(e => g.Nodes[e.From].Privilege == from && g.Nodes[e.From].Element!.Name == "shop");
        steps.ShouldAllBe(e => e.Stoppers.Contains(new CandidateControl("fix:CVE-2099-0001", g.Elements.Asset("shop").Index)));
        steps.ShouldAllBe(e => e.Likelihood > 0 && e.Likelihood <= AttackGraphBuilder.MaxCveLikelihood);
    }

    [Fact]
    public void Build_MitigatedThreat_IsNotAStep()
    {
        var g = Build(Models.Minimal.Replace("data: [card-data] }", "data: [card-data], controls: [parameterised-queries] }", StringComparison.Ordinal));
        g.Edges.ShouldNotContain(e => e.ThreatId == "sql-injection");
    }

    [Fact]
    public void Build_OnlyKeepsWhatTheAttackerCanReach()
    {
        var g = Build(Models.Minimal);
        var reached = new HashSet<int> { AttackGraph.AttackerNode };
        var queue = new Queue<int>(reached);
        while (queue.Count > 0)
        {
            foreach (int ei in g.Outgoing(queue.Dequeue()))
            {
                if (reached.Add(g.Edges[ei].To)) queue.Enqueue(g.Edges[ei].To);
            }
        }

        reached.Count.ShouldBe(g.Nodes.Count);
    }
}
