using System.Text.Json;
using Ensuresec.Core.Events;
using Ensuresec.Core.Json;
using FsCheck;

namespace Ensuresec.Tests.Store;

public sealed class FindingJsonTests
{
    [Fact]
    public void ToJson_ThenParse_RoundTripsEveryField()
    {
        var f = Samples.Finding("f-1", Severity.Critical);
        var back = FindingJson.Parse(FindingJson.ToJson(f));
        back.Error.ShouldBeNull();
        back.Value.ShouldNotBeNull();
        (back.Value with { Entities = f.Entities, EvidenceEventIds = f.EvidenceEventIds }).ShouldBe(f);
        back.Value.Entities.ShouldBe(f.Entities);
        back.Value.EvidenceEventIds.ShouldBe(f.EvidenceEventIds);
    }

    [Fact]
    public void ToJson_Finding_UsesSnakeCaseNamesAndSeverityWords()
    {
        using var doc = JsonDocument.Parse(FindingJson.ToJson(Samples.Finding("f-1", Severity.Medium)));
        var root = doc.RootElement;
        root.GetProperty("rule_id").GetString().ShouldBe("ES-TEST-001");
        root.GetProperty("severity").GetString().ShouldBe("medium");
        root.GetProperty("evidence_count").GetInt32().ShouldBe(7);
        root.GetProperty("entities")[0].GetProperty("kind").GetString().ShouldBe("source.ip");
        root.TryGetProperty("detected_at", out _).ShouldBeTrue();
    }

    [Fact]
    public void ToJson_HostileText_IsEscaped()
    {
        var f = Samples.Finding("<script>alert('x')</script>") with { Explanation = "\"}; DROP TABLE findings; --\u0000" };
        string json = FindingJson.ToJson(f);
        json.ShouldNotContain("<script>");
        FindingJson.Parse(json).Value!.Explanation.ShouldBe(f.Explanation);
    }

    [Fact]
    public void ToJson_NonFiniteConfidence_WritesZero() =>
        FindingJson.Parse(FindingJson.ToJson(Samples.Finding("f") with { Confidence = double.NaN })).Value!.Confidence.ShouldBe(0);

    [Theory]
    [InlineData("", "invalid JSON")]
    [InlineData("[1]", "must be a JSON object")]
    [InlineData("{\"id\":1}", "id: must be a string")]
    [InlineData("{\"id\":\"x\"}", "detector: missing")]
    [InlineData("{\"id\":\"x\",\"detector\":\"d\",\"rule_id\":\"r\",\"severity\":\"huge\"}", "severity: must be one of")]
    public void Parse_BadInput_ReturnsErrorNamingTheField(string json, string expected) =>
        FindingJson.Parse(json).Error!.ShouldContain(expected);

    [Fact]
    public void Parse_BadEntity_NamesItsIndex()
    {
        string json = FindingJson.ToJson(Samples.Finding("f")).Replace("\"kind\":\"user.name\"", "\"kind\":5", StringComparison.Ordinal);
        FindingJson.Parse(json).Error.ShouldBe("entities[1].kind: must be a string");
    }

    [Fact]
    public void Parse_DeepNesting_IsAnErrorNotACrash() =>
        FindingJson.Parse(new string('[', 10_000) + new string(']', 10_000)).Error.ShouldNotBeNull();

    [Fact]
    public void Parse_HugeNumber_IsAnError()
    {
        string json = FindingJson.ToJson(Samples.Finding("f")).Replace("\"evidence_count\":7", "\"evidence_count\":1e400", StringComparison.Ordinal);
        FindingJson.Parse(json).Error!.ShouldContain("evidence_count");
    }

    [Fact]
    public void IncidentToJson_ThenParse_RoundTripsEveryField()
    {
        var i = Samples.Incident("i-1", Samples.Finding("f-1"));
        var back = IncidentJson.Parse(IncidentJson.ToJson(i));
        back.Error.ShouldBeNull();
        back.Value!.Story.ShouldBe(i.Story);
        back.Value.Entities.ShouldBe(i.Entities);
        back.Value.FindingIds.ShouldBe(i.FindingIds);
        back.Value.Techniques.ShouldBe(i.Techniques);
        (back.Value with { Story = i.Story, Entities = i.Entities, FindingIds = i.FindingIds, Techniques = i.Techniques }).ShouldBe(i);
    }

    [Fact]
    public void IncidentParse_BadStoryStep_NamesIt()
    {
        string json = IncidentJson.ToJson(Samples.Incident("i", Samples.Finding("f"))).Replace("\"finding_id\":\"f\"", "\"finding_id\":null", StringComparison.Ordinal);
        IncidentJson.Parse(json).Error.ShouldBe("story[0].finding_id: must be a string");
    }

    [Fact]
    public void ToJson_ThenParse_RoundTripsArbitraryText() =>
        FsCheck.Fluent.Prop.ForAll<string, string>((id, explanation) =>
        {
            var f = Samples.Finding(id ?? string.Empty) with { Explanation = explanation ?? string.Empty };
            var back = FindingJson.Parse(FindingJson.ToJson(f)).Value!;
            return back.Id == f.Id && back.Explanation == f.Explanation;
        }).QuickCheckThrowOnFailure();
}
