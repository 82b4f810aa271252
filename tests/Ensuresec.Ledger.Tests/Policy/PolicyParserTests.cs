using System.Text;
using Ensuresec.Ledger.Policy;
using Ensuresec.Ledger.Tests.Tiles;

namespace Ensuresec.Ledger.Tests.Policy;

public sealed class PolicyParserTests
{
    private static readonly string[] Witnesses =
    [
        "Wit1+55ee4561+AVhZSmQj9+SoL+p/nN0Hh76xXmF7QcHfytUrI1XfSClk",
        "Wit2+85ecc407+AWVbwFJte9wMQIPSnEnj4KibeO6vSIOEDUTDp3o63c2x",
        "Wit3+d3ed3be7+ASb6Uz1+fxAcXkMvDd7nGa3FjDce7LxIKmbbTCT0MpVn",
    ];

    private static WitnessPolicy Parse(string text)
    {
        var parsed = PolicyParser.Parse(Encoding.UTF8.GetBytes(text));
        parsed.Ok.ShouldBeTrue(parsed.Error);
        return parsed.Value;
    }

    [Fact]
    public void Quorum_TwoLevelGroups_AsInTheSpecExample()
    {
        var p = Parse($"""
            # example
            log {TestLogs.Signer.VerifierKey} https://log.example/
            witness X1 {Witnesses[0]}
            witness X2 {Witnesses[1]}
            group X 2 X1 X2
            witness Y1 {Witnesses[2]}	http://127.0.0.1:1
            group Y any Y1
            group XY all X Y
            quorum XY
            """);
        p.Logs.Count.ShouldBe(1);
        p.Witnesses["Y1"].Url.ShouldBe("http://127.0.0.1:1");
        p.IsSatisfied(new HashSet<string> { "X1", "X2", "Y1" }).ShouldBeTrue();
        p.IsSatisfied(new HashSet<string> { "X1", "Y1" }).ShouldBeFalse();
        p.IsSatisfied(new HashSet<string> { "X1", "X2" }).ShouldBeFalse();
        Parse("quorum none\n").IsSatisfied(new HashSet<string>()).ShouldBeTrue();
    }

    [Theory]
    [InlineData("", "no quorum")]
    [InlineData("quorum none\nquorum none\n", "line 2")]
    [InlineData("quorum X\n", "line 1")]
    [InlineData("witness none WKEY0\nquorum none\n", "line 1")]
    [InlineData("witness A WKEY0\nwitness B WKEY0\nquorum A\n", "duplicate key")]
    [InlineData("witness A WKEY0\ngroup G 2 A\nquorum G\n", "threshold")]
    [InlineData("witness A WKEY0\ngroup G 0 A\nquorum G\n", "threshold")]
    [InlineData("witness A WKEY0\ngroup G any A A\nquorum G\n", "twice")]
    [InlineData("group G any H\ngroup H any G\nquorum G\n", "line 1")]
    [InlineData("witness A not-a-key\nquorum none\n", "line 1")]
    [InlineData("frobnicate\nquorum none\n", "unknown keyword")]
    [InlineData("quorum none\u0001\n", "control")]
    public void Parse_BadPolicies_NameTheLine(string text, string why)
    {
        var parsed = PolicyParser.Parse(Encoding.UTF8.GetBytes(text.Replace("WKEY0", Witnesses[0], StringComparison.Ordinal)));
        parsed.Ok.ShouldBeFalse();
        parsed.Error!.ShouldContain(why);
    }

    [Fact]
    public void Parse_InvalidUtf8AndOversizedInput_AreRejected()
    {
        PolicyParser.Parse([0xFF, (byte)'\n']).Ok.ShouldBeFalse();
        PolicyParser.Parse(new byte[PolicyParser.MaxBytes + 1]).Error!.ShouldContain("larger");
    }
}
