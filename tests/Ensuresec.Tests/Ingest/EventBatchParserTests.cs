using System.Text;
using Ensuresec.Ingest;

namespace Ensuresec.Tests.Ingest;

public sealed class EventBatchParserTests
{
    private static string Event(string id) => "{\"@timestamp\":\"2024-05-01T10:00:00Z\",\"event.id\":\"" + id + "\"}";

    private static EventBatchResult Parse(string body, EventBatchParser? parser = null) =>
        (parser ?? new EventBatchParser()).Parse(Encoding.UTF8.GetBytes(body), "api");

    [Fact]
    public void Parse_ArrayWithOneBadItem_KeepsTheOthers()
    {
        var result = Parse("[" + Event("a") + ", {\"event.id\":\"no-time\"}, 42, " + Event("b") + "]");

        result.Events.Select(e => e.Id).ShouldBe(["a", "b"]);
        result.Errors.Count.ShouldBe(2);
        result.Errors[0].Line.ShouldBe(2);
        result.Errors[0].Field.ShouldBe("@timestamp");
        result.Errors[1].Line.ShouldBe(3);
        result.Errors[1].Reason.ShouldContain("expected a JSON object");
        result.Items.ShouldBe(4);
    }

    [Fact]
    public void Parse_Ndjson_ReportsLineNumbersAndSkipsBlankLines()
    {
        var result = Parse(Event("a") + "\r\n\r\n   \n{broken\n" + Event("b"));

        result.Events.Select(e => e.Id).ShouldBe(["a", "b"]);
        result.Errors.Single().Line.ShouldBe(4);
        result.Events[1].Origin.ShouldBe("api:5");
    }

    [Fact]
    public void Parse_TruncatedArray_KeepsWhatCameBefore()
    {
        var result = Parse("[" + Event("a") + "," + Event("b")[..20]);

        result.Events.Select(e => e.Id).ShouldBe(["a"]);
        result.Errors.Count.ShouldBe(1);
    }

    [Fact]
    public void Parse_UnclosedArray_IsReported()
    {
        var result = Parse("[" + Event("a"));

        result.Events.Count.ShouldBe(1);
        result.Errors.Single().Reason.ShouldContain("not closed");
    }

    [Fact]
    public void Parse_InvalidUtf8InOneLine_RejectsOnlyThatLine()
    {
        byte[] good = Encoding.UTF8.GetBytes(Event("a") + "\n");
        byte[] bad = Encoding.UTF8.GetBytes("{\"@timestamp\":\"2024-05-01T10:00:00Z\",\"user.name\":\"x\"}\n");
        bad[^4] = 0xC3;

        var result = new EventBatchParser().Parse([.. good, .. bad, .. good], "api");

        result.Events.Count.ShouldBe(2);
        result.Errors.Single().Line.ShouldBe(2);
        result.Errors.Single().Reason.ShouldBe("invalid UTF-8");
    }

    [Fact]
    public void Parse_TooManyItems_StopsWithAnError()
    {
        var result = Parse(string.Join('\n', Enumerable.Range(0, 5).Select(i => Event("e" + i))), new EventBatchParser(maxItems: 3));

        result.Events.Count.ShouldBe(3);
        result.Errors.Single().Reason.ShouldContain("more than 3");
    }

    [Fact]
    public void Parse_DeeplyNestedArray_IsAnErrorNotACrash()
    {
        var result = Parse("[" + new string('[', 50_000));

        result.Events.ShouldBeEmpty();
        result.Errors.ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n \r\n")]
    [InlineData("[]")]
    public void Parse_Empty_HasNoEventsAndNoErrors(string body)
    {
        var result = Parse(body);

        result.Events.ShouldBeEmpty();
        result.Errors.ShouldBeEmpty();
    }
}
