using Ensuresec.Detection;
using Ensuresec.Detection.Flood;
using Ensuresec.Detection.Scanning;

namespace Ensuresec.Tests.Detection;

public sealed class DetectorCatalogTests
{
    [Fact]
    public void Create_Defaults_AllDetectorsInNameOrder()
    {
        var detectors = DetectorCatalog.Create(new DetectionOptions());

        detectors.Select(f => f().Name).ShouldBe(DetectorCatalog.Names);
    }

    [Fact]
    public void Create_DisabledDetector_LeftOut()
    {
        var detectors = DetectorCatalog.Create(new DetectionOptions { Scanning = new ScanningOptions { Enabled = false } });

        detectors.Select(f => f().Name).ShouldNotContain("scanning");
        detectors.Count.ShouldBe(DetectorCatalog.Names.Count - 1);
    }

    [Fact]
    public void Validate_InvalidValues_ReportFullKeyPaths()
    {
        var options = new DetectionOptions
        {
            RequestFlood = new RequestFloodOptions { Window = TimeSpan.Zero, SourceMinRequests = 0 },
            Incidents = new() { Gap = TimeSpan.FromHours(-1) },
        };

        DetectorCatalog.Validate(options).Select(e => e.Key).ShouldBe(["detectors.request-flood.window", "detectors.request-flood.source-min-requests", "incidents.gap"]);
        Should.Throw<ArgumentException>(() => DetectorCatalog.Create(options)).Message.ShouldContain("detectors.request-flood.window");
    }

    [Fact]
    public void Validate_NullSection_NamesIt()
    {
        DetectorCatalog.Validate(new DetectionOptions { Scanning = null! }).ShouldHaveSingleItem().Key.ShouldBe("detectors.scanning");
    }
}
