using Ensuresec.Waf.Detectors.Sql;
using FsCheck;
using FsCheck.Fluent;

namespace Ensuresec.Waf.Tests.Detectors;

public sealed class SqlTokenizerTests
{
    [Fact]
    public void Tokenize_Query_YieldsItsTokens()
    {
        var tokens = new List<SqlToken>();
        SqlTokenizer.Tokenize("select a,'b''c' from t where x>=0x1f -- end", '\0', tokens).ShouldBeTrue();
        tokens.Select(t => t.Kind).ShouldBe(
        [
            SqlTokenKind.Word, SqlTokenKind.Word, SqlTokenKind.Comma, SqlTokenKind.String, SqlTokenKind.Word, SqlTokenKind.Word,
            SqlTokenKind.Word, SqlTokenKind.Word, SqlTokenKind.Operator, SqlTokenKind.Number, SqlTokenKind.Comment,
        ]);
    }

    [Fact]
    public void Tokenize_InsideQuote_FirstTokenEndsTheLiteral()
    {
        var tokens = new List<SqlToken>();
        SqlTokenizer.Tokenize("x' or '1'='1", '\'', tokens).ShouldBeTrue();
        tokens[0].Kind.ShouldBe(SqlTokenKind.String);
        tokens[0].Length.ShouldBe(2);
        tokens[1].Text("x' or '1'='1").ToString().ShouldBe("or");
    }

    [Fact]
    public void Tokenize_NoClosingQuote_NothingEscapes()
    {
        SqlTokenizer.Tokenize("o'reilly", '"', []).ShouldBeFalse();
    }

    [Fact]
    public void Tokenize_VersionedComment_KeepsItsContents()
    {
        var tokens = new List<SqlToken>();
        SqlTokenizer.Tokenize("/*!50000union*/ select", '\0', tokens);
        tokens[0].Versioned.ShouldBeTrue();
        tokens.Count(t => t.Kind == SqlTokenKind.Word).ShouldBe(2);
    }

    [Fact]
    public void Tokenize_AnyInput_StaysWithinTheTextAndTheTokenLimit()
    {
        Prop.ForAll<string>(s =>
        {
            s ??= string.Empty;
            var tokens = new List<SqlToken>();
            SqlTokenizer.Tokenize(s, '\'', tokens);
            return tokens.Count <= SqlTokenizer.MaxTokens && tokens.All(t => t.Start >= 0 && t.Length >= 0 && t.Start + t.Length <= s.Length);
        }).QuickCheckThrowOnFailure();
    }
}
