using Ensuresec.Physical.Telemetry;
using Ensuresec.Physical.Tests.Support;

namespace Ensuresec.Physical.Tests.Telemetry;

public class SensorReaderTests
{
    private static (SensorReading? Reading, string? Error) Read(string json)
    {
        bool ok = SensorReader.TryRead(Run.Parse(json), out var r, out string? error);
        (ok == (r is not null)).ShouldBeTrue();
        return (r, error);
    }

    private const string Head = """{"@timestamp":"2026-03-02T06:00:00Z","event.action":"sensor-reading","sensor.id":"t1",""";

    [Theory]
    [InlineData("\"C\"", 5.0, 5.0)]
    [InlineData("\"F\"", 41.0, 5.0)]
    [InlineData("\"K\"", 278.15, 5.0)]
    [InlineData("\"celsius\"", 5.0, 5.0)]
    public void Temperature_InAnyUnit_IsReadInCelsius(string unit, double value, double celsius)
    {
        var (r, _) = Read(Head + $$"""
            "sensor.type":"temperature","sensor.value":{{value.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"sensor.unit":{{unit}}}
            """);
        r!.Value!.Value.ShouldBe(celsius, 1e-9);
    }

    [Theory]
    [InlineData("\"sensor.type\":\"temperature\",\"sensor.value\":5", "sensor.unit: missing")]
    [InlineData("\"sensor.type\":\"temperature\",\"sensor.value\":5,\"sensor.unit\":\"<script>alert(1)</script>xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"", "sensor.unit: unknown unit")]
    [InlineData("\"sensor.type\":\"temperature\",\"sensor.value\":-300,\"sensor.unit\":\"C\"", "outside the physical range")]
    [InlineData("\"sensor.type\":\"temperature\",\"sensor.value\":1e308,\"sensor.unit\":\"F\"", "outside the physical range")]
    [InlineData("\"sensor.type\":\"temperature\",\"sensor.value\":\"warm\",\"sensor.unit\":\"C\"", "sensor.value: missing or not a number")]
    [InlineData("\"sensor.type\":\"humidity\",\"sensor.value\":140,\"sensor.unit\":\"%\"", "outside the physical range")]
    [InlineData("\"sensor.type\":\"shock\",\"sensor.value\":3", "sensor.unit: missing")]
    [InlineData("\"sensor.type\":\"door\",\"sensor.value\":\"ajar?\"", "sensor.value: a door sensor")]
    [InlineData("\"sensor.type\":\"gps\"", "needs a position")]
    [InlineData("\"sensor.type\":\"gps\",\"observer.geo.location\":{\"lat\":95,\"lon\":10}", "observer.geo.location: lat 95 is outside")]
    [InlineData("\"sensor.type\":\"gps\",\"observer.geo.location\":[200,10]", "lon 200 is outside")]
    [InlineData("\"sensor.type\":\"gps\",\"observer.geo.location\":\"north\"", "not a position")]
    [InlineData("\"sensor.type\":\"laser\"", "unknown type")]
    public void BadReading_GivesAReasonNamingTheField(string fields, string expected)
    {
        var (r, error) = Read(Head + fields + "}");
        r.ShouldBeNull();
        error.ShouldNotBeNull().ShouldContain(expected);
        error.Length.ShouldBeLessThan(200);
    }

    [Fact]
    public void MissingSensorId_IsAnError()
    {
        SensorReader.TryRead(Run.Parse("""{"@timestamp":"2026-03-02T06:00:00Z","event.action":"sensor-reading","sensor.type":"gps"}"""), out _, out string? error).ShouldBeFalse();
        error.ShouldBe("sensor.id: missing");
    }

    [Theory]
    [InlineData("\"open\"", true)]
    [InlineData("true", true)]
    [InlineData("1", true)]
    [InlineData("\"closed\"", false)]
    [InlineData("0", false)]
    public void DoorState_AcceptsTheUsualSpellings(string value, bool open) =>
        Read(Head + $$"""
            "sensor.type":"door","sensor.value":{{value}}}
            """).Reading!.State.ShouldBe(open);

    [Fact]
    public void GeoPoint_AsLatLonString_IsRead() =>
        Read(Head + "\"sensor.type\":\"gps\",\"observer.geo.location\":\"48.85,2.35\"}").Reading!.Position!.Value.Lat.ShouldBe(48.85);
}
