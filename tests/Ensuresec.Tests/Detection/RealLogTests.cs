using Ensuresec.Core.Findings;
using Ensuresec.Detection;
using Ensuresec.Tests.Support;

namespace Ensuresec.Tests.Detection;

public sealed class RealLogTests
{
    [Fact]
    public async Task AllDetectors_SharedApacheLog_OnlyTheFckeditorScannerFires()
    {
        var events = TestOnlyCombinedLogReader.Read(SharedData.PathOf("access-logs/apache_logs")).ToList();
        events.Count.ShouldBeGreaterThan(9_990);

        var findings = await DetectorRunner.RunPipelineAsync(DetectorCatalog.Create(new DetectionOptions()), events);

        // The log holds Googlebot, MJ12bot, feed readers, a Chef client retrying one missing jar 60 times and a
        // botnet probing /wp-admin once per address: none of that is a finding. 91.236.75.25 walks FCKeditor paths.
        findings.Select(f => f.RuleId).Order().ShouldBe(["ES-WEB-011", "ES-WEB-012"]);
        findings.ShouldAllBe(f => f.Entities[0] == Entity.Ip("91.236.75.25"));
        var sequential = DetectorCatalog.Create(new DetectionOptions()).SelectMany(f => DetectorRunner.Run(f(), events)).Select(f => f.Id).Order();
        findings.Select(f => f.Id).Order().ShouldBe(sequential);
    }
}
