using Ensuresec.Integrity.Components.Versions;
using FsCheck;
using FsCheck.Fluent;

namespace Ensuresec.Integrity.Tests.Components;

public sealed class VersionSchemeTests
{
    [Theory]
    // the precedence chain of the SemVer 2.0.0 specification, section 11
    [InlineData("1.0.0-alpha", "1.0.0-alpha.1")]
    [InlineData("1.0.0-alpha.1", "1.0.0-alpha.beta")]
    [InlineData("1.0.0-alpha.beta", "1.0.0-beta")]
    [InlineData("1.0.0-beta", "1.0.0-beta.2")]
    [InlineData("1.0.0-beta.2", "1.0.0-beta.11")]
    [InlineData("1.0.0-beta.11", "1.0.0-rc.1")]
    [InlineData("1.0.0-rc.1", "1.0.0")]
    [InlineData("1.9.0", "1.10.0")]
    [InlineData("2.1.1-0", "2.1.1-rc1")]
    [InlineData("v1.2.3", "1.2.4")]
    public void SemVer_SpecPrecedence_Holds(string lower, string higher)
    {
        SemVerScheme.Instance.Compare(lower, higher).ShouldBe(-1);
        SemVerScheme.Instance.Compare(higher, lower).ShouldBe(1);
    }

    [Fact]
    public void SemVer_BuildMetadataIgnored_AndGarbageRefused()
    {
        SemVerScheme.Instance.Compare("1.0.0+build.1", "1.0.0+other").ShouldBe(0);
        SemVerScheme.Instance.Compare("1.0.0", "not-a-version").ShouldBeNull();
        SemVerScheme.Instance.Compare("1.0.0-", "1.0.0").ShouldBeNull();
        SemVerScheme.Instance.Compare("99999999999999999999999999.0.0", "1.0.0").ShouldBe(1);
    }

    [Theory]
    [InlineData("1.0.0-dev", "1.0.0-alpha1")]
    [InlineData("1.0.0-alpha1", "1.0.0-alpha2")]
    [InlineData("1.0.0-alpha2", "1.0.0-beta1")]
    [InlineData("1.0.0-beta1", "1.0.0-RC1")]
    [InlineData("1.0.0-RC1", "1.0.0")]
    [InlineData("1.0.0", "1.0.0-p1")]
    [InlineData("2.3.4", "2.3.4.1")]
    [InlineData("v2.4.5", "2.4.6")]
    public void Composer_StabilityOrder_Holds(string lower, string higher)
    {
        ComposerScheme.Instance.Compare(lower, higher).ShouldBe(-1);
        ComposerScheme.Instance.Compare(higher, lower).ShouldBe(1);
    }

    [Fact]
    public void Composer_ShortAndLongFormsAreEqual_BranchesAreNotOrdered()
    {
        ComposerScheme.Instance.Compare("1.2", "1.2.0.0").ShouldBe(0);
        ComposerScheme.Instance.Compare("dev-main", "1.0.0").ShouldBeNull();
        ComposerScheme.Instance.Compare("2.x-dev", "1.0.0").ShouldBeNull();
    }

    [Theory]
    [InlineData("11.6", "11.6.1")]
    [InlineData("11.10.12", "11.10.13")]
    [InlineData("2.6.0rc1", "2.6.0")]
    [InlineData("2.6.0", "2.6.0.post1")]
    [InlineData("4.0.0.beta1", "4.0.0")]
    public void Generic_DottedReleasesAndPreReleases_Order(string lower, string higher)
    {
        new GenericScheme("Maven").Compare(lower, higher).ShouldBe(-1);
    }

    [Fact]
    public void SemVer_Compare_IsAntisymmetricAndTransitive()
    {
        var part = Gen.Choose(0, 3);
        var pre = Gen.Elements("", "-alpha", "-alpha.1", "-beta", "-rc.1", "-0");
        var version = from a in part from b in part from c in part from p in pre select $"{a}.{b}.{c}{p}";
        Prop.ForAll(Gen.Three(version).ToArbitrary(), t =>
        {
            var (x, y, z) = t;
            var s = SemVerScheme.Instance;
            bool anti = s.Compare(x, y) == -s.Compare(y, x);
            bool trans = !(s.Compare(x, y) <= 0 && s.Compare(y, z) <= 0) || s.Compare(x, z) <= 0;
            return anti && trans;
        }).QuickCheckThrowOnFailure();
    }
}
