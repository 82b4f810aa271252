using Ensuresec.Core.Pipeline;
using Ensuresec.Demo.Running;
using Ensuresec.Demo.Scenario;

namespace Ensuresec.Tests.Demo;

public sealed class DemoRunnerTests
{
    [Fact]
    public async Task RunAsync_ToyDetector_DetectsTheFastReconAndScoresTheRest()
    {
        // Seed 4 draws a fast reconnaissance; the crawlers' 404s are spread over three addresses and a week.
        var options = new ScenarioOptions { Scale = 0.05, Attacks = [AttackKind.Reconnaissance, AttackKind.SearchFlood] };
        int seen = 0;
        var run = await DemoRunner.RunAsync(4, options, [() => new NotFoundBurstDetector()], _ => seen++, new PipelineOptions { Partitions = 2 }).WaitAsync(TimeSpan.FromMinutes(3));

        run.Events.ShouldBe(seen);
        run.Faults.ShouldBeEmpty();
        var recon = run.Score.Attacks.Single(a => a.Attack.Kind == AttackKind.Reconnaissance);
        recon.Attack.Slow.ShouldBeFalse();
        recon.Detected.ShouldBeTrue();
        recon.Detectors.ShouldBe(["toy-404"]);
        recon.TimeToDetect!.Value.ShouldBeGreaterThan(TimeSpan.Zero);
        run.Score.Attacks.Single(a => a.Attack.Kind == AttackKind.SearchFlood).Detected.ShouldBeFalse();
        run.Score.TotalFindings.ShouldBe(run.Findings.Count);
    }
}
