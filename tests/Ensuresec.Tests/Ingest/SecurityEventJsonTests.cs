using System.Text.Json;
using System.Text.Json.Nodes;
using Ensuresec.Core.Events;
using Ensuresec.Ingest;
using FsCheck;
using FsCheck.Fluent;

namespace Ensuresec.Tests.Ingest;

public sealed class SecurityEventJsonTests
{
    private static readonly string[] Texts =
    [
        "alice", "bob@example.com", "GET", "/checkout/pay", "q=1&b=2", "", " ", "é€😀中文", "' OR 1=1 --", "<script>alert(1)</script>",
        "line\nbreak\ttab", "quote\"back\\slash", "\u0000nul", "2001:db8::1", "10.0.0.1", "user-login", "payment-attempt",
    ];

    private static SecurityEvent RandomEvent(int seed)
    {
        var r = new Random(seed);
        string? S() => r.Next(3) == 0 ? null : r.Next(4) == 0 ? RandomText(r) : Texts[r.Next(Texts.Length)];
        var offset = TimeSpan.FromMinutes(15 * r.Next(-56, 57));
        var time = new DateTimeOffset(new DateTime(2000, 1, 1).AddTicks(r.NextInt64(0, TimeSpan.TicksPerDay * 365 * 40)), offset);
        return new SecurityEvent
        {
            Id = Texts[r.Next(Texts.Length)] is { Length: > 0 } id ? id : "id-" + seed,
            Timestamp = time,
            Kind = S(),
            Category = S(),
            Action = S(),
            Outcome = S(),
            Dataset = S(),
            SourceIp = S(),
            UserName = S(),
            UserEmail = S(),
            HttpMethod = S(),
            UrlPath = S(),
            UrlQuery = S(),
            HttpVersion = S(),
            StatusCode = r.Next(3) == 0 ? null : r.Next(0, 1000),
            ResponseBytes = r.Next(3) == 0 ? null : r.NextInt64(0, long.MaxValue),
            Referrer = S(),
            UserAgent = S(),
            PaymentAmount = r.Next(3) == 0 ? null : new decimal(r.NextInt64(-1_000_000_000, 1_000_000_000)) / (decimal)Math.Pow(10, r.Next(0, 5)),
            PaymentCurrency = S(),
            CardFingerprint = S(),
            Extra = RandomExtra(r),
            Origin = "f:1",
        };
    }

    private static string RandomText(Random r)
    {
        const string chars = "abcXYZ019 -_./:?&=%\"\\<>'\n\t";
        return new string(Enumerable.Range(0, r.Next(0, 20)).Select(_ => chars[r.Next(chars.Length)]).ToArray());
    }

    private static JsonObject? RandomExtra(Random r)
    {
        var extra = new JsonObject();
        string[] keys = ["order", "shop", "risk", "labels", "trace"];
        foreach (string key in keys.Where(_ => r.Next(3) == 0))
        {
            extra[key] = r.Next(4) switch
            {
                0 => RandomText(r),
                1 => r.Next(),
                2 => new JsonArray(1, "two", true),
                _ => new JsonObject { ["id"] = RandomText(r), ["score"] = r.Next(100), ["deep"] = new JsonObject { ["ok"] = r.Next(2) == 0 } },
            };
        }

        // Extra fields under a mapped object must merge with it on write.
        if (r.Next(3) == 0) extra["source"] = new JsonObject { ["port"] = r.Next(65536) };
        return extra.Count == 0 ? null : extra;
    }

    private static bool SameEvent(SecurityEvent a, SecurityEvent b) =>
        (a with { Extra = null }) == (b with { Extra = null }) && JsonNode.DeepEquals(a.Extra, b.Extra);

    [Fact]
    public void ParseOfWrite_AnyEvent_GivesTheEventBack()
    {
        Prop.ForAll(Gen.Choose(0, int.MaxValue).Select(RandomEvent).ToArbitrary(), e =>
        {
            byte[] json = SecurityEventJson.ToUtf8Bytes(e);
            return JsonEventParser.Default.TryParse(json, "f", 1, out var back, out _) && SameEvent(e, back);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ToJson_Event_IsNestedEcs()
    {
        var e = new SecurityEvent
        {
            Id = "e1",
            Timestamp = new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero),
            SourceIp = "1.2.3.4",
            StatusCode = 200,
            PaymentAmount = 12.5m,
            Extra = new JsonObject { ["source.port"] = 80, ["order"] = new JsonObject { ["id"] = "o1" } },
        };

        using var doc = JsonDocument.Parse(SecurityEventJson.ToJson(e));
        var root = doc.RootElement;

        root.GetProperty("@timestamp").GetString().ShouldBe("2024-05-01T10:00:00+00:00");
        root.GetProperty("event").GetProperty("id").GetString().ShouldBe("e1");
        root.GetProperty("source").GetProperty("ip").GetString().ShouldBe("1.2.3.4");
        root.GetProperty("source").GetProperty("port").GetInt32().ShouldBe(80);
        root.GetProperty("http").GetProperty("response").GetProperty("status_code").GetInt32().ShouldBe(200);
        root.GetProperty("payment").GetProperty("amount").GetDecimal().ShouldBe(12.5m);
        root.GetProperty("order").GetProperty("id").GetString().ShouldBe("o1");
    }

    [Fact]
    public void Write_ExtraCollidingWithAMappedField_MappedFieldWins()
    {
        var e = new SecurityEvent
        {
            Id = "e1",
            Timestamp = DateTimeOffset.UnixEpoch,
            SourceIp = "1.2.3.4",
            Extra = new JsonObject { ["source"] = new JsonObject { ["ip"] = "6.6.6.6" } },
        };

        JsonEventParser.Default.TryParse(SecurityEventJson.ToUtf8Bytes(e), "f", 1, out var back, out var error).ShouldBeTrue(error?.ToString());

        back!.SourceIp.ShouldBe("1.2.3.4");
    }
}
