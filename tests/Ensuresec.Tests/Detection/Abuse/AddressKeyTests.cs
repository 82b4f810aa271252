using FsCheck;
using FsCheck.Fluent;
using Ensuresec.Detection.Promotions;

namespace Ensuresec.Tests.Detection.Abuse;

public sealed class AddressKeyTests
{
    [Theory]
    [InlineData("12 Main Street, Apt. 3B", "12 main st #3b")]
    [InlineData("12  MAIN st   apartment 3-b", "12 main st #3b")]
    [InlineData("12 Main St #3B", "12 main st #3b")]
    [InlineData("12 Main St., Unit 3b", "12 main st #3b")]
    [InlineData("Hauptstraße 5, Wohnung 2", "hauptstrasse 5 #2")]
    [InlineData("5 North Avenue Suite 100", "5 n ave #100")]
    [InlineData("Rue de l'Église 4", "rue de l eglise 4")]
    public void Of_TheSameAddressTypedDifferently_GivesOneKey(string typed, string key) => AddressKey.Of(typed).ShouldBe(key);

    [Fact]
    public void Of_DifferentUnitsInOneBuilding_StayApart() =>
        AddressKey.Of("12 Main Street Apt 3").ShouldNotBe(AddressKey.Of("12 Main Street Apt 4"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(",;.!")]
    public void Of_EmptyOrPunctuationOnly_IsNull(string? typed) => AddressKey.Of(typed).ShouldBeNull();

    [Fact]
    public void Of_HugeOrHostileInput_IsCutAndHarmless()
    {
        string huge = "<script>alert(1)</script>\u0000\u202e 12 Main St " + string.Concat(Enumerable.Repeat("Apt ", 100_000));
        var key = AddressKey.Of(huge);
        key.ShouldNotBeNull();
        key.Length.ShouldBeLessThanOrEqualTo(AddressKey.MaxLength);
        key.ShouldNotContain("<");
    }

    [Fact]
    public void Of_IsIdempotent_OnAnyText()
    {
        Prop.ForAll<string>(s =>
        {
            var once = AddressKey.Of(s);
            return once is null || AddressKey.Of(once) == once;
        }).QuickCheckThrowOnFailure();
    }
}
