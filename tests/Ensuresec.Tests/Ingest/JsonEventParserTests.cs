using System.Text;
using Ensuresec.Core.Events;
using Ensuresec.Ingest;

namespace Ensuresec.Tests.Ingest;

public sealed class JsonEventParserTests
{
    private const string Ts = "\"@timestamp\":\"2024-05-01T10:00:00Z\"";

    private static SecurityEvent Parse(string json)
    {
        JsonEventParser.Default.TryParse(json, "events.ndjson", 4, out var e, out var error).ShouldBeTrue(error?.ToString());
        return e!;
    }

    private static ParseError Fail(string json, JsonEventParser? parser = null)
    {
        (parser ?? JsonEventParser.Default).TryParse(json, "events.ndjson", 4, out var e, out var error).ShouldBeFalse();
        e.ShouldBeNull();
        error!.Line.ShouldBe(4);
        error.Source.ShouldBe("events.ndjson");
        return error;
    }

    [Fact]
    public void TryParse_NestedDottedAndMixed_GiveTheSameEvent()
    {
        var nested = Parse("{" + Ts + ",\"event\":{\"id\":\"e1\",\"action\":\"user-login\"},\"source\":{\"ip\":\"1.2.3.4\"},\"user\":{\"name\":\"alice\"}}");
        var dotted = Parse("{" + Ts + ",\"event.id\":\"e1\",\"event.action\":\"user-login\",\"source.ip\":\"1.2.3.4\",\"user.name\":\"alice\"}");
        var mixed = Parse("{" + Ts + ",\"event\":{\"id\":\"e1\"},\"event.action\":\"user-login\",\"source\":{\"ip\":\"1.2.3.4\"},\"user.name\":\"alice\"}");

        nested.Id.ShouldBe("e1");
        nested.SourceIp.ShouldBe("1.2.3.4");
        nested.UserName.ShouldBe("alice");
        nested.Action.ShouldBe(EventActions.Login);
        dotted.ShouldBe(nested);
        mixed.ShouldBe(nested);
        nested.Origin.ShouldBe("events.ndjson:4");
    }

    [Fact]
    public void TryParse_EveryMappedField_IsRead()
    {
        var e = Parse("""
            {"@timestamp":"2024-05-01T10:00:00.123+02:00","event":{"id":"p1","kind":"event","category":["authentication","web"],"action":"payment-attempt",
             "outcome":"failure","dataset":"shop.app"},"source.ip":"2001:db8::2","user":{"name":"bob","email":"bob@example.com"},
             "http":{"request":{"method":"POST","referrer":"https://shop/"},"version":"2","response":{"status_code":402,"body":{"bytes":17}}},
             "url":{"path":"/pay","query":"x=1"},"user_agent.original":"UA","payment":{"amount":"12.50","currency":"EUR","card":{"fingerprint":"fp1"}}}
            """);

        e.Timestamp.ShouldBe(new DateTimeOffset(2024, 5, 1, 10, 0, 0, 123, TimeSpan.FromHours(2)));
        e.Kind.ShouldBe("event");
        e.Category.ShouldBe("authentication");
        e.Outcome.ShouldBe("failure");
        e.Dataset.ShouldBe("shop.app");
        e.SourceIp.ShouldBe("2001:db8::2");
        e.UserEmail.ShouldBe("bob@example.com");
        e.HttpMethod.ShouldBe("POST");
        e.Referrer.ShouldBe("https://shop/");
        e.HttpVersion.ShouldBe("2");
        e.StatusCode.ShouldBe(402);
        e.ResponseBytes.ShouldBe(17);
        e.UrlPath.ShouldBe("/pay");
        e.UrlQuery.ShouldBe("x=1");
        e.UserAgent.ShouldBe("UA");
        e.PaymentAmount.ShouldBe(12.50m);
        e.PaymentCurrency.ShouldBe("EUR");
        e.CardFingerprint.ShouldBe("fp1");
        e.Extra.ShouldBeNull();
    }

    [Fact]
    public void TryParse_UnknownFields_AreKeptNestedInExtra()
    {
        var e = Parse("{" + Ts + ",\"order.id\":\"o-9\",\"order\":{\"total\":99.5},\"source\":{\"ip\":\"1.1.1.1\",\"port\":443},\"tags\":[\"a\",\"b\"],\"flag\":null}");

        e.Extra!["order"]!["id"]!.GetValue<string>().ShouldBe("o-9");
        e.Extra["order"]!["total"]!.GetValue<decimal>().ShouldBe(99.5m);
        e.Extra["source"]!["port"]!.GetValue<int>().ShouldBe(443);
        e.Extra["tags"]!.AsArray().Count.ShouldBe(2);
        e.Extra.ContainsKey("flag").ShouldBeTrue();
        e.SourceIp.ShouldBe("1.1.1.1");
    }

    [Fact]
    public void TryParse_UrlOriginalWithoutPath_IsSplitAndKept()
    {
        var e = Parse("{" + Ts + ",\"url\":{\"original\":\"https://shop.example/a/b?q=1#top\"}}");

        e.UrlPath.ShouldBe("/a/b");
        e.UrlQuery.ShouldBe("q=1");
        e.Extra!["url"]!["original"]!.GetValue<string>().ShouldBe("https://shop.example/a/b?q=1#top");
        Parse("{" + Ts + ",\"url.original\":\"/x?\"}").UrlQuery.ShouldBe("");
    }

    [Fact]
    public void TryParse_MissingId_DerivesAStableContentHash()
    {
        string json = "{" + Ts + ",\"user.name\":\"a\"}";
        var a = Parse(json);
        var b = Parse("  " + json + "\r\n");
        var c = Parse("{" + Ts + ",\"user.name\":\"b\"}");

        a.Id.ShouldStartWith(JsonEventParser.DerivedIdPrefix);
        a.Id.Length.ShouldBe(JsonEventParser.DerivedIdPrefix.Length + 64);
        b.Id.ShouldBe(a.Id);
        c.Id.ShouldNotBe(a.Id);
    }

    [Theory]
    [InlineData("{\"user.name\":\"a\"}", "@timestamp")]
    [InlineData("{\"@timestamp\":\"yesterday\"}", "@timestamp")]
    [InlineData("{\"@timestamp\":\"2024-13-01T00:00:00Z\"}", "@timestamp")]
    [InlineData("{\"@timestamp\":true}", "@timestamp")]
    [InlineData("{\"@timestamp\":99999999999999999}", "@timestamp")]
    [InlineData("{" + Ts + ",\"http.response.status_code\":1e10}", "http.response.status_code")]
    [InlineData("{" + Ts + ",\"http\":{\"response\":{\"status_code\":\"200\"}}}", "http.response.status_code")]
    [InlineData("{" + Ts + ",\"http.response.body.bytes\":99999999999999999999999}", "http.response.body.bytes")]
    [InlineData("{" + Ts + ",\"http.response.body.bytes\":-1}", "http.response.body.bytes")]
    [InlineData("{" + Ts + ",\"payment.amount\":1e400}", "payment.amount")]
    [InlineData("{" + Ts + ",\"payment.amount\":\"12,50\"}", "payment.amount")]
    [InlineData("{" + Ts + ",\"source.ip\":12}", "source.ip")]
    [InlineData("{" + Ts + ",\"event.category\":[1]}", "event.category")]
    [InlineData("{" + Ts + ",\"event.id\":\"\"}", "event.id")]
    [InlineData("{" + Ts + ",\"user.name\":\"a\",\"user\":{\"name\":\"b\"}}", "user.name")]
    [InlineData("{" + Ts + ",\"order.id\":1,\"order\":{\"id\":2}}", "order.id")]
    [InlineData("{" + Ts + ",\"a..b\":1}", "a..b")]
    [InlineData("{" + Ts + ",\"\":1}", "")]
    public void TryParse_BadField_IsAnErrorNamingIt(string json, string field) => Fail(json).Field.ShouldBe(field);

    [Theory]
    [InlineData("[1,2]", "an array")]
    [InlineData("\"text\"", "a string")]
    [InlineData("42", "a number")]
    [InlineData("null", "null")]
    public void TryParse_NotAnObject_IsAnError(string json, string found) => Fail(json).Reason.ShouldContain(found);

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"@timestamp\":\"2024-05-01T10:00:00Z\"")]
    [InlineData("{\"a\":1,}")]
    [InlineData("{\"@timestamp\":\"2024-05-01T10:00:00Z\"} {}")]
    [InlineData("{'a':1}")]
    public void TryParse_MalformedJson_IsAnError(string json) => Fail(json).Reason.ShouldNotBeNullOrEmpty();

    [Fact]
    public void TryParse_DeepNesting_IsAnErrorNotACrash()
    {
        Fail("{" + Ts + ",\"a\":" + string.Concat(Enumerable.Repeat("{\"a\":", 40)) + "1" + new string('}', 41)).Reason.ShouldContain("depth");
        Fail(new string('[', 100_000)).ShouldNotBeNull();
        Fail("{" + Ts + ",\"x\":" + new string('[', 100_000)).ShouldNotBeNull();
    }

    [Fact]
    public void TryParse_NestingWithinTheLimit_IsAccepted() =>
        Parse("{" + Ts + ",\"a\":" + string.Concat(Enumerable.Repeat("{\"a\":", 25)) + "1" + new string('}', 26)).Extra.ShouldNotBeNull();

    [Fact]
    public void TryParse_OverTheSizeLimit_IsAnError()
    {
        var parser = new JsonEventParser(maxBytes: 100);

        Fail("{" + Ts + ",\"x\":\"" + new string('a', 200) + "\"}", parser).Reason.ShouldContain("over the limit of 100");
    }

    [Fact]
    public void TryParse_InvalidUtf8_IsAnError()
    {
        byte[] bytes = Encoding.UTF8.GetBytes("{" + Ts + ",\"user.name\":\"a\u00e9\"}");
        bytes[^4] = 0xFF;

        JsonEventParser.Default.TryParse(bytes, "f", 1, out var e, out var error).ShouldBeFalse();

        e.ShouldBeNull();
        error!.Reason.ShouldBe("invalid UTF-8");
        error.Column.ShouldBe(bytes.Length - 3);
    }

    [Theory]
    [InlineData("' OR '1'='1' --")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("{{7*7}}")]
    [InlineData("../../../../etc/passwd\u0000")]
    [InlineData("\u202eexe.txt")]
    public void TryParse_HostilePayloads_SurviveVerbatimAsData(string payload)
    {
        string quoted = System.Text.Json.JsonSerializer.Serialize(payload);
        var e = Parse("{" + Ts + ",\"user.name\":" + quoted + ",\"url.query\":" + quoted + ",\"note\":" + quoted + "}");

        e.UserName.ShouldBe(payload);
        e.UrlQuery.ShouldBe(payload);
        e.Extra!["note"]!.GetValue<string>().ShouldBe(payload);
    }

    [Fact]
    public void TryParse_EpochMillisTimestamp_IsAccepted() =>
        Parse("{\"@timestamp\":1714557600000}").Timestamp.ShouldBe(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public void TryParse_NullValues_AreMissing() => Parse("{" + Ts + ",\"user.name\":null}").UserName.ShouldBeNull();
}
