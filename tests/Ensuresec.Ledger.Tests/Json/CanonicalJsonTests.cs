using System.Text;
using Ensuresec.Ledger.Json;
using FsCheck;
using FsCheck.Fluent;

namespace Ensuresec.Ledger.Tests.Json;

public sealed class CanonicalJsonTests
{
    // RFC 8785 Appendix B: IEEE 754 bit patterns and their ECMAScript serialisation.
    [Theory]
    [InlineData(0x0000000000000000UL, "0")]
    [InlineData(0x8000000000000000UL, "0")]
    [InlineData(0x0000000000000001UL, "5e-324")]
    [InlineData(0x8000000000000001UL, "-5e-324")]
    [InlineData(0x7fefffffffffffffUL, "1.7976931348623157e+308")]
    [InlineData(0xffefffffffffffffUL, "-1.7976931348623157e+308")]
    [InlineData(0x4340000000000000UL, "9007199254740992")]
    [InlineData(0xc340000000000000UL, "-9007199254740992")]
    [InlineData(0x4430000000000000UL, "295147905179352830000")]
    [InlineData(0x44b52d02c7e14af5UL, "9.999999999999997e+22")]
    [InlineData(0x44b52d02c7e14af6UL, "1e+23")]
    [InlineData(0x44b52d02c7e14af7UL, "1.0000000000000001e+23")]
    [InlineData(0x444b1ae4d6e2ef4eUL, "999999999999999700000")]
    [InlineData(0x444b1ae4d6e2ef4fUL, "999999999999999900000")]
    [InlineData(0x444b1ae4d6e2ef50UL, "1e+21")]
    [InlineData(0x3eb0c6f7a0b5ed8cUL, "9.999999999999997e-7")]
    [InlineData(0x3eb0c6f7a0b5ed8dUL, "0.000001")]
    [InlineData(0x41b3de4355555553UL, "333333333.3333332")]
    [InlineData(0x41b3de4355555554UL, "333333333.33333325")]
    [InlineData(0x41b3de4355555555UL, "333333333.3333333")]
    [InlineData(0x41b3de4355555556UL, "333333333.3333334")]
    [InlineData(0x41b3de4355555557UL, "333333333.33333343")]
    [InlineData(0xbecbf647612f3696UL, "-0.0000033333333333333333")]
    [InlineData(0x43143ff3c1cb0959UL, "1424953923781206.2")]
    public void FormatNumber_MatchesTheRfcTable(ulong bits, string want) => CanonicalJson.FormatNumber(BitConverter.UInt64BitsToDouble(bits)).ShouldBe(want);

    [Fact]
    public void Canonicalize_SortsByUtf16CodeUnitsAsInTheRfcExample()
    {
        string input = "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew Letter Dalet With Dagesh\",\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji: Grinning Face\",\"\\u0080\":\"Control\",\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}";
        string want = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\",\"\U0001F600\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";
        Encoding.UTF8.GetString(CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(input)).Value!).ShouldBe(want);
    }

    [Fact]
    public void Canonicalize_RfcPrimitivesExample()
    {
        string input = "{\n  \"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],\n  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n  \"literals\": [null, true, false]\n}";
        string want = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
        Encoding.UTF8.GetString(CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(input)).Value!).ShouldBe(want);
    }

    [Theory]
    [InlineData("{\"a\":1,\"a\":2}", "duplicate")]
    [InlineData("\"\\ud800\"", "surrogate")]
    [InlineData("1e400", "range")]
    [InlineData("{\"a\":", "invalid JSON")]
    [InlineData("[1,]", "invalid JSON")]
    public void Canonicalize_BadInput_NamesTheProblem(string input, string why) =>
        CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(input)).Error!.ShouldContain(why);

    [Fact]
    public void Canonicalize_DeepNesting_IsRefused() =>
        CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(new string('[', 100) + new string(']', 100))).Ok.ShouldBeFalse();

    [Fact]
    public void Canonicalize_IsIdempotent() =>
        FsCheck.Fluent.Prop.ForAll<string, double, bool>((s, d, b) =>
        {
            if (!double.IsFinite(d)) return true;
            var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new { z = s ?? string.Empty, a = d, m = new[] { b } });
            var once = CanonicalJson.Canonicalize(json);
            if (!once.Ok) return (s ?? string.Empty).Any(char.IsSurrogate);
            return CanonicalJson.Canonicalize(once.Value).Value!.AsSpan().SequenceEqual(once.Value);
        }).Check(FsCheck.Config.QuickThrowOnFailure.WithReplay(Merkle.ProofBuilderPropertyTests.Replay()));
}
