using System.Text.Json.Nodes;
using Ensuresec.Core.Events;

namespace Ensuresec.Tests.Core;

public sealed class ExtraFieldsTests
{
    private static SecurityEvent With(string extraJson) => new()
    {
        Id = "e1",
        Timestamp = DateTimeOffset.UnixEpoch,
        Extra = JsonNode.Parse(extraJson)!.AsObject(),
    };

    [Fact]
    public void Nested_values_are_read_by_dotted_path()
    {
        var e = With("""{"refund":{"amount":12.5,"approver":"clerk7","partial":true},"sensor":{"value":"4.25"}}""");
        e.GetDecimal("refund.amount").ShouldBe(12.5m);
        e.GetString("refund.approver").ShouldBe("clerk7");
        e.GetBool("refund.partial").ShouldBe(true);
        e.GetDouble("sensor.value").ShouldBe(4.25);
    }

    [Theory]
    [InlineData("""{"refund":{"amount":"twelve"}}""")]
    [InlineData("""{"refund":{"amount":[1]}}""")]
    [InlineData("""{"refund":7}""")]
    [InlineData("""{}""")]
    [InlineData("""{"refund":{"amount":1e400}}""")]
    public void Wrong_types_and_missing_paths_read_as_missing(string json)
    {
        var e = With(json);
        e.GetDecimal("refund.amount").ShouldBeNull();
        e.GetDouble("refund.amount").ShouldBeNull();
        if (!json.Contains("twelve", StringComparison.Ordinal)) e.GetString("refund.amount").ShouldBeNull();
    }

    [Fact]
    public void An_event_without_extra_reads_as_missing()
    {
        new SecurityEvent { Id = "e", Timestamp = DateTimeOffset.UnixEpoch }.GetString("order.id").ShouldBeNull();
    }
}
