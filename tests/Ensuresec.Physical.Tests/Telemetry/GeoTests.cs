using Ensuresec.Physical.Telemetry;
using FsCheck;
using FsCheck.Fluent;

namespace Ensuresec.Physical.Tests.Telemetry;

public class GeoTests
{
    [Fact]
    public void Distance_ParisToLondon_IsAbout344Km() =>
        Geo.Distance(GeoPoint.Of(48.8566, 2.3522), GeoPoint.Of(51.5074, -0.1278)).ShouldBe(343_900, 1_500);

    [Fact]
    public void DistanceToPath_PointBesideASegment_IsThePerpendicularDistance()
    {
        // A path along the equator; a point 0.001° north of its middle is ~111 m away.
        var path = new[] { GeoPoint.Of(0, 0), GeoPoint.Of(0, 0.1) };
        Geo.DistanceToPath(GeoPoint.Of(0.001, 0.05), path).ShouldBe(111.2, 0.5);
        Geo.DistanceToPath(GeoPoint.Of(0, 0.2), path).ShouldBe(Geo.Distance(GeoPoint.Of(0, 0.2), GeoPoint.Of(0, 0.1)), 1);
    }

    [Fact]
    public void DistanceToPath_AcrossTheAntimeridian_StaysShort() =>
        Geo.DistanceToPath(GeoPoint.Of(0, 179.9999), [GeoPoint.Of(0.001, -179.9999), GeoPoint.Of(-0.001, -179.9999)]).ShouldBeLessThan(30);

    [Theory]
    [InlineData(90.0001, 0)]
    [InlineData(-91, 0)]
    [InlineData(0, 180.5)]
    [InlineData(double.NaN, 0)]
    [InlineData(0, double.PositiveInfinity)]
    public void TryCreate_OutsideTheEarth_GivesAReason(double lat, double lon)
    {
        GeoPoint.TryCreate(lat, lon, out _, out string? reason).ShouldBeFalse();
        reason.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void Distance_IsSymmetricAndBounded() =>
        Prop.ForAll(Arb.From(Gen.Choose(-90_000, 90_000).Zip(Gen.Choose(-180_000, 180_000)).Zip(Gen.Choose(-90_000, 90_000).Zip(Gen.Choose(-180_000, 180_000)))), t =>
        {
            var a = GeoPoint.Of(t.Item1.Item1 / 1000.0, t.Item1.Item2 / 1000.0);
            var b = GeoPoint.Of(t.Item2.Item1 / 1000.0, t.Item2.Item2 / 1000.0);
            double ab = Geo.Distance(a, b);
            return Math.Abs(ab - Geo.Distance(b, a)) < 1e-6 && ab >= 0 && ab <= Math.PI * Geo.EarthRadius + 1;
        }).QuickCheckThrowOnFailure();
}
