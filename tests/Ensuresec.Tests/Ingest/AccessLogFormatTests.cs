using Ensuresec.Ingest;

namespace Ensuresec.Tests.Ingest;

public sealed class AccessLogFormatTests
{
    private const string Custom =
        "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent \"$http_referer\" \"$http_user_agent\" $request_time \"$http_x_forwarded_for\"";

    private static AccessLogFormat Compile(string text)
    {
        AccessLogFormat.TryCompile(text, out var format, out string? error).ShouldBeTrue(error);
        return format!;
    }

    private static string CompileError(string text)
    {
        AccessLogFormat.TryCompile(text, out var format, out string? error).ShouldBeFalse();
        format.ShouldBeNull();
        return error!;
    }

    [Fact]
    public void TryCompile_CustomFormat_MapsKnownVariablesAndKeepsTheRest()
    {
        var format = Compile(Custom + " $upstream_addr $host");
        const string line = "10.0.0.2 - - [17/May/2015:10:05:03 +0000] \"POST /login HTTP/2.0\" 401 12 \"-\" \"curl/8\" 0.250 \"203.0.113.9, 10.0.0.1\" 10.1.1.1:8080 shop.example";

        new AccessLogParser(format).TryParse(line, "f", 1, out var e, out var error).ShouldBeTrue(error?.ToString());

        e!.HttpMethod.ShouldBe("POST");
        e.HttpVersion.ShouldBe("2.0");
        e.StatusCode.ShouldBe(401);
        e.Extra!["event"]!["duration"]!.GetValue<long>().ShouldBe(250_000_000);
        e.Extra["network"]!["forwarded_ip"]!.GetValue<string>().ShouldBe("203.0.113.9, 10.0.0.1");
        e.Extra["upstream_addr"]!.GetValue<string>().ShouldBe("10.1.1.1:8080");
        e.Extra["url"]!["domain"]!.GetValue<string>().ShouldBe("shop.example");
    }

    [Fact]
    public void TryCompile_ConfigQuotedForm_EqualsTheBareForm()
    {
        var quoted = Compile("'$remote_addr - $remote_user [$time_local] \"$request\" ' '$status $body_bytes_sent';");

        quoted.Text.ShouldBe(AccessLogFormat.Common.Text);
    }

    [Fact]
    public void TryCompile_SpecificVariables_WinOverTheRequestLine()
    {
        var format = Compile("$time_iso8601 $request_method $uri $args | \"$request\" $bytes_sent");
        const string line = "2024-05-01T10:00:00+02:00 GET /real a=1 | \"GET /other?b=2 HTTP/1.1\" 900";

        new AccessLogParser(format).TryParse(line, "f", 1, out var e, out var error).ShouldBeTrue(error?.ToString());

        e!.Timestamp.ShouldBe(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.FromHours(2)));
        e.UrlPath.ShouldBe("/real");
        e.UrlQuery.ShouldBe("a=1");
        e.Extra!["http"]!["response"]!["bytes"]!.GetValue<long>().ShouldBe(900);
        e.StatusCode.ShouldBeNull();
        e.Outcome.ShouldBe("unknown");
    }

    [Fact]
    public void TryCompile_MsecAndBracedNames_Work()
    {
        var format = Compile("${msec} $remote_addr ${request_uri}");

        new AccessLogParser(format).TryParse("1431857103.123 ::1 /a?b", "f", 1, out var e, out var error).ShouldBeTrue(error?.ToString());

        e!.Timestamp.ShouldBe(DateTimeOffset.FromUnixTimeMilliseconds(1_431_857_103_123));
        e.UrlPath.ShouldBe("/a");
        e.UrlQuery.ShouldBe("b");
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("just text", "no variables")]
    [InlineData("$remote_addr$time_local", "no literal text between")]
    [InlineData("$time_local $", "not followed by a variable name")]
    [InlineData("$time_local ${status", "not closed")]
    [InlineData("'$time_local $status", "never closed")]
    [InlineData("'$time_local' x '$status'", "outside the quoted strings")]
    [InlineData("$remote_addr $status", "no time variable")]
    public void TryCompile_BadFormat_NamesTheProblem(string text, string expected) => CompileError(text).ShouldContain(expected);

    [Fact]
    public void TryCompile_OversizedFormat_IsAnError() =>
        CompileError("$time_local " + new string('x', AccessLogFormat.MaxFormatLength)).ShouldContain("over the limit");

    [Fact]
    public void TryParse_LineNotMatchingALiteral_NamesTheVariableBeforeIt()
    {
        var error = new AccessLogParser(AccessLogFormat.Common).TryParse("1.2.3.4 x - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 1", "f", 3, out _, out var e)
            ? null : e;

        error!.Field.ShouldBe("remote_addr");
        error.Line.ShouldBe(3);
        error.Column.ShouldBe(1);
    }
}
