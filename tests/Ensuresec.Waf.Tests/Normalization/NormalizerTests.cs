using Ensuresec.Waf.Normalization;
using FsCheck;
using FsCheck.Fluent;

namespace Ensuresec.Waf.Tests.Normalization;

public sealed class NormalizerTests
{
    [Theory]
    [InlineData("%2527", "'")]
    [InlineData("%252e%252e%252f", "../")]
    [InlineData("%u0027", "'")]
    [InlineData("%uff1cscript%uff1e", "<script>")]
    [InlineData("%c0%ae%c0%ae/", "../")]
    [InlineData("&lt;img src=x&gt;", "<img src=x>")]
    [InlineData("&#x6a;avascript&colon;", "javascript:")]
    [InlineData("\\u0061lert", "alert")]
    [InlineData("ＳＥＬＥＣＴ", "select")]
    [InlineData("a+b", "a b")]
    public void Normalize_DisguisedInput_RevealsThePayload(string raw, string expected)
    {
        Normalizer.Normalize(raw, plusIsSpace: true).Lower.ShouldBe(expected);
    }

    [Fact]
    public void Normalize_DoubleEncoding_IsFlagged()
    {
        Normalizer.Normalize("%2541", true).Flags.HasFlag(NormalizationFlags.MultipleEncoding).ShouldBeTrue();
    }

    [Fact]
    public void Normalize_MalformedPercent_IsKeptAndFlagged()
    {
        var v = Normalizer.Normalize("100%zz%", true);
        v.Decoded.ShouldBe("100%zz%");
        v.Flags.HasFlag(NormalizationFlags.InvalidPercent).ShouldBeTrue();
    }

    [Fact]
    public void Normalize_NulByte_IsRemovedAndFlagged()
    {
        var v = Normalizer.Normalize("file.php%00.jpg", true);
        v.Lower.ShouldBe("file.php.jpg");
        v.Flags.HasFlag(NormalizationFlags.NullByte).ShouldBeTrue();
    }

    [Fact]
    public void Normalize_PlainValue_ReturnsTheSameString()
    {
        string plain = "shoes-42";
        ReferenceEquals(Normalizer.Normalize(plain, true).Decoded, plain).ShouldBeTrue();
    }

    [Fact]
    public void Normalize_AnyString_NeverThrowsAndIsLowerCase()
    {
        Prop.ForAll<string>(s =>
        {
            var v = Normalizer.Normalize(s ?? string.Empty, true);
            return v.Lower == v.Lower.ToLowerInvariant();
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Normalize_IsIdempotentOnItsOutput_ForPlainAscii()
    {
        Prop.ForAll(Gen.Elements("abc", "x y", "a-b_c.d", "123").ToArbitrary(), s => Normalizer.Normalize(s, true).Lower == s).QuickCheckThrowOnFailure();
    }
}
