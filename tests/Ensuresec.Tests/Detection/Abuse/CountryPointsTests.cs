using Ensuresec.Detection.Fraud;

namespace Ensuresec.Tests.Detection.Abuse;

public sealed class CountryPointsTests
{
    [Fact]
    public void Table_CoversTheIsoCountries() => CountryPoints.Count.ShouldBeGreaterThanOrEqualTo(240);

    [Theory]
    [InlineData("DE", "FR", 878)] // Berlin–Paris
    [InlineData("GB", "US", 5_570)] // London–New York
    [InlineData("AU", "GB", 16_990)] // Sydney–London
    public void DistanceKm_BetweenReferencePoints_MatchesTheGreatCircle(string a, string b, double km) =>
        CountryPoints.DistanceKm(a, b)!.Value.ShouldBe(km, km * 0.01);

    [Fact]
    public void DistanceKm_IsSymmetricAndZeroForOneCountry()
    {
        CountryPoints.DistanceKm("ng", "RO").ShouldBe(CountryPoints.DistanceKm("RO", "NG"));
        CountryPoints.DistanceKm("JP", "JP").ShouldBe(0);
    }

    [Theory]
    [InlineData(null, "DE")]
    [InlineData("XX", "DE")]
    [InlineData("DEU", "DE")]
    [InlineData("", "")]
    [InlineData("<script>", "DE")]
    public void DistanceKm_UnknownCode_IsNull(string? a, string b) => CountryPoints.DistanceKm(a, b).ShouldBeNull();

    [Fact]
    public void PaymentFeatures_CountryDistance_IsTheLastFeatureAndDescribedInWords()
    {
        PaymentFeatures.Names[^1].ShouldBe(PaymentFeatures.CountryDistance);
        PaymentFeatures.Describe(PaymentFeatures.CountryDistance, 6.4f).ShouldBe("the billing country is 6,400 km from the address's country");
    }

    [Fact]
    public void Scorecard_FartherCountries_ScoreHigherThanNeighbours()
    {
        var model = PaymentScorecard.Model;
        var near = new float[PaymentFeatures.Names.Count];
        var far = new float[PaymentFeatures.Names.Count];
        int mismatch = PaymentFeatures.Names.ToList().IndexOf(PaymentFeatures.CountryMismatch);
        int distance = PaymentFeatures.Names.Count - 1;
        int age = PaymentFeatures.Names.ToList().IndexOf(PaymentFeatures.AccountAgeDays);
        near[mismatch] = far[mismatch] = 1;
        near[age] = far[age] = 30;
        near[distance] = (float)(CountryPoints.DistanceKm("DE", "FR")!.Value / 1000);
        far[distance] = (float)(CountryPoints.DistanceKm("DE", "NG")!.Value / 1000);
        model.Score(far).ShouldBeGreaterThan(model.Score(near));
        model.Explain(far).TopIncreasing(2).ShouldContain(distance);
    }
}
