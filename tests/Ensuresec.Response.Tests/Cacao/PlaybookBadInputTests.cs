using System.Text;
using Ensuresec.Response.Cacao;

namespace Ensuresec.Response.Tests.Cacao;

public sealed class PlaybookBadInputTests
{
    private static readonly string Valid = TestPlaybooks.Json("start--1",
        ("start--1", "{\"type\":\"start\",\"on_completion\":\"end--1\"}"),
        ("end--1", "{\"type\":\"end\"}"));

    [Fact]
    public void Truncated_IsAnErrorWithLine()
    {
        var load = PlaybookReader.Read(Valid[..(Valid.Length / 2)], "cut.json");
        load.IsValid.ShouldBeFalse();
        load.Errors.ShouldHaveSingleItem().ToString().ShouldStartWith("cut.json: error: not valid JSON at line 1");
    }

    [Fact]
    public void Oversized_IsRefusedBeforeParsing()
    {
        var load = PlaybookReader.Read(new byte[PlaybookReader.MaxBytes + 1], "big.json");
        load.Errors.ShouldHaveSingleItem().Message.ShouldContain("more than");
    }

    [Fact]
    public void NotUtf8_IsAnError()
    {
        var load = PlaybookReader.Read([0x7B, 0xFF, 0xFE, 0x7D], "latin.json");
        load.Errors.ShouldHaveSingleItem().Message.ShouldContain("not UTF-8");
    }

    [Fact]
    public void DeepNesting_IsAnErrorNotAStackOverflow()
    {
        string deep = "{\"x\":" + string.Concat(Enumerable.Repeat("[", 5000)) + string.Concat(Enumerable.Repeat("]", 5000)) + "}";
        PlaybookReader.Read(deep, "deep.json").IsValid.ShouldBeFalse();
    }

    [Theory]
    [InlineData("[]", "a playbook is a JSON object")]
    [InlineData("{\"type\":\"playbook\"}", "id: required property is missing")]
    [InlineData("{\"type\":\"playbook\",\"spec_version\":\"cacao-1.0\",\"id\":\"x\",\"name\":\"n\",\"workflow_start\":\"s\",\"workflow\":{}}", "only CACAO 2.0")]
    [InlineData("{\"id\":\"x\",\"name\":\"n\",\"workflow_start\":\"s\",\"workflow\":{\"s\":{\"type\":42}}}", "workflow.s.type: must be a string")]
    [InlineData("{\"id\":\"x\",\"name\":\"n\",\"workflow_start\":\"s\",\"workflow\":{\"s\":{\"type\":\"action\",\"commands\":[{\"type\":\"bash\",\"command_b64\":\"%%%\"}]}}}", "is not base64")]
    [InlineData("{\"id\":\"x\",\"name\":\"n\",\"workflow_start\":\"s\",\"workflow\":{\"s\":{\"type\":\"teleport\"}}}", "unknown step type 'teleport'")]
    [InlineData("{\"id\":\"x\",\"name\":\"n\",\"workflow_start\":\"s\",\"workflow\":{\"s\":{\"type\":\"action\",\"on_completion\":\"e\"},\"e\":{\"type\":\"end\"}}}", "needs at least one command")]
    [InlineData("{\"id\":\"x\",\"name\":\"n\",\"workflow_start\":\"s\",\"workflow\":{\"s\":{\"type\":\"start\",\"on_completion\":\"s\"}}}", "loop detected")]
    public void Malformed_GivesAnErrorNamingTheField(string json, string expected)
    {
        var load = PlaybookValidator.Validate(json, "bad.json", schemas: null);
        load.IsValid.ShouldBeFalse();
        load.Errors.Select(e => e.ToString()).ShouldContain(e => e.Contains(expected, StringComparison.Ordinal), string.Join("\n", load.Problems));
    }

    [Fact]
    public void HostileStrings_AreKeptVerbatimInMessagesNotInterpreted()
    {
        string json = TestPlaybooks.Json("start--1", ("start--1", "{\"type\":\"start\",\"on_completion\":\"<script>alert(1)</script>\"}"));
        var load = PlaybookValidator.Validate(json, "x.json", null);
        load.Errors.ShouldContain(e => e.Message.Contains("step <script>alert(1)</script> does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public void LongChain_IsCheckedWithoutRecursion()
    {
        var steps = Enumerable.Range(0, 15_000).Select(i => ($"action--{i}", TestPlaybooks.Action(i == 14_999 ? "end--1" : $"action--{i + 1}", "manual", "x"))).ToList();
        steps.Add(("end--1", "{\"type\":\"end\"}"));
        var load = PlaybookValidator.Validate(TestPlaybooks.Json("action--0", [.. steps]), "long.json", null);
        load.Errors.ShouldBeEmpty();
    }
}
