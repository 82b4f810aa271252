using Ensuresec.Response.Cacao;
using Ensuresec.Response.Library;
using Ensuresec.Tests.Support;

namespace Ensuresec.Response.Tests.Library;

public sealed class PlaybookLibraryTests
{
    private static readonly PlaybookLibrary Library = PlaybookLibrary.Default;

    public static TheoryData<string> PlaybookNames()
    {
        var data = new TheoryData<string>();
        foreach (string name in PlaybookLibrary.Default.Playbooks.Keys) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(PlaybookNames))]
    public void ShippedPlaybook_PassesTheCacaoSchemasAndWorkflowChecks(string name)
    {
        var schemas = CacaoSchemas.Open(SharedData.PathOf("cacao/cacao-json-schemas-v2.0-cs01/schemas")).Schemas!;
        var load = Library.Playbooks[name];
        load.Problems.ShouldBeEmpty();
        schemas.Validate(load).ShouldBeEmpty();
    }

    [Fact]
    public void EveryMitigation_NamesPlaybooksThatExist()
    {
        Library.Entries.Count.ShouldBeGreaterThanOrEqualTo(10);
        foreach (var e in Library.Entries)
        {
            foreach (string? p in new[] { e.Playbook, e.Recovery, e.Check }.Where(p => p is not null))
                Library.Playbooks.ContainsKey(p!).ShouldBeTrue($"mitigation {e.Id} names {p}");
            (e.Check is null || e.CheckPasses is not null).ShouldBeTrue($"{e.Id}: a check needs the answer that means the effect is gone");
        }
    }

    /// <summary>The platform's rules (spine detectors) and the families the physical and learning detectors use.</summary>
    [Theory]
    [InlineData("ES-WEB-001", "block-address")]
    [InlineData("ES-WEB-002", "block-address")]
    [InlineData("ES-WEB-010", "block-address")]
    [InlineData("ES-WEB-011", "block-address")]
    [InlineData("ES-WEB-012", "block-address")]
    [InlineData("ES-AUTH-001", "lock-account")]
    [InlineData("ES-AUTH-005", "block-address")]
    [InlineData("ES-ATO-001", "lock-account")]
    [InlineData("ES-ATO-003", "notify-customers")]
    [InlineData("ES-PAY-001", "block-card-range")]
    [InlineData("ES-PAY-004", "block-card-range")]
    [InlineData("ES-EXT-001", "block-address")]
    [InlineData("ES-COLD-001", "quarantine-batch")]
    [InlineData("ES-ROUTE-002", "hold-shipment")]
    [InlineData("ES-SEAL-001", "hold-shipment")]
    [InlineData("ES-ATM-001", "disable-atm")]
    [InlineData("ES-POD-001", "hold-shipment")]
    [InlineData("ES-SENSOR-003", "hold-shipment")]
    [InlineData("ES-FRAUD-001", "block-card-range")]
    [InlineData("ES-REFUND-001", "revoke-refund-right")]
    [InlineData("ES-INSIDER-002", "revoke-refund-right")]
    public void RuleFamily_IsCoveredByASpecificMitigation(string rule, string mitigation)
    {
        Library.Entries.Single(e => e.Id == mitigation).Covers(rule).ShouldBeTrue();
    }

    [Fact]
    public void AnyEnsuresecRule_GetsAtLeastTriage()
    {
        Library.Entries.Single(e => e.Id == "triage-incident").Covers("ES-NEWFAMILY-999").ShouldBeTrue();
    }
}
