using Ensuresec.Physical.ColdChain;
using FsCheck;
using FsCheck.Fluent;
using Ensuresec.Physical.Tests.Support;

namespace Ensuresec.Physical.Tests.Detectors;

public class ColdChainTests
{
    private static readonly DateTimeOffset T0 = Run.T0;

    [Fact]
    public void Mkt_OfAConstantTemperature_IsThatTemperature()
    {
        var m = new MeanKineticTemperature();
        m.Add(5, 3600);
        m.Add(5, 7200);
        m.Celsius!.Value.ShouldBe(5, 1e-9);
    }

    [Fact]
    public void Mkt_MatchesTheFormula_AndWeighsWarmTimeMoreThanTheMean()
    {
        var m = new MeanKineticTemperature();
        m.Add(2, 3600);
        m.Add(14, 3600);
        // Naive reference: ΔH/R = 83144 / 8.3144598 K.
        double ratio = 83_144 / 8.3144598;
        double expected = ratio / -Math.Log((Math.Exp(-ratio / 275.15) + Math.Exp(-ratio / 287.15)) / 2) - 273.15;
        m.Celsius!.Value.ShouldBe(expected, 1e-9);
        m.Celsius!.Value.ShouldBeGreaterThan(8.5);
    }

    [Fact]
    public void Mkt_LiesBetweenTheMeanAndTheMaximum()
    {
        // Jensen: the exponential weighting puts MKT at or above the time-weighted mean, and never above the warmest reading.
        Prop.ForAll(Arb.From(Gen.ListOf(Gen.Choose(-200, 400).Zip(Gen.Choose(1, 3600)))), list =>
        {
            var items = list.ToList();
            if (items.Count == 0) return true;
            var m = new MeanKineticTemperature();
            foreach (var (tenths, seconds) in items) m.Add(tenths / 10.0, seconds);
            double mean = items.Sum(x => x.Item1 / 10.0 * x.Item2) / items.Sum(x => (double)x.Item2);
            double max = items.Max(x => x.Item1 / 10.0);
            double mkt = m.Celsius!.Value;
            return mkt >= mean - 1e-6 && mkt <= max + 1e-6;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void LongExcursion_IsReportedOnce_ShortDoorSpikeIsNot()
    {
        var ev = new Ev();
        var events = new List<Ensuresec.Core.Events.SecurityEvent>();
        for (int i = 0; i < 60; i++) events.Add(ev.Temp(T0.AddMinutes(i), i is >= 10 and < 25 ? 11 : 5)); // 15-min spike
        for (int i = 60; i < 180; i++) events.Add(ev.Temp(T0.AddMinutes(i), i >= 100 ? 9.2 : 5)); // 80 min at 9.2
        var findings = Run.Direct(new ColdChainDetector(new ColdChainOptions()), events);
        var excursions = findings.Where(f => f.RuleId == ColdChainDetector.ExcursionRule).ToList();
        excursions.Count.ShouldBe(1);
        excursions[0].DetectedAt.ShouldBe(T0.AddMinutes(130));
        excursions[0].Explanation.ShouldContain("above the 2-8 °C range for 30 min");
        excursions[0].Entities.ShouldContain(new Ensuresec.Core.Findings.Entity("shipment.id", "S1"));
    }

    [Fact]
    public void ShortSpellsEachWithinLimit_AddUpToAnMktBreach()
    {
        // A reefer switched off 25 min of every hour: no single excursion, but the product cooks.
        var ev = new Ev();
        var events = Enumerable.Range(0, 7 * 60).Select(i => ev.Temp(T0.AddMinutes(i), i % 60 < 25 ? 14 : 6)).ToList();
        var findings = Run.Direct(new ColdChainDetector(new ColdChainOptions()), events);
        findings.ShouldNotContain(f => f.RuleId == ColdChainDetector.ExcursionRule);
        findings.Single(f => f.RuleId == ColdChainDetector.MktRule).Explanation.ShouldContain("mean kinetic temperature");
    }

    [Fact]
    public void WarmButWithinRange_AndBadReadings_AreSilent()
    {
        var ev = new Ev();
        var events = Enumerable.Range(0, 10 * 60).Select(i => ev.Temp(T0.AddMinutes(i), 7.8)).ToList();
        events.Add(ev.Temp(T0.AddMinutes(601), 30, unit: null)); // missing unit: not used
        events.Add(ev.Temp(T0.AddMinutes(100), 30)); // older than the last: not used
        events.AddRange(Enumerable.Range(0, 60).Select(i => ev.Temp(T0.AddMinutes(602 + i), 9000, unit: "C"))); // impossible
        Run.Direct(new ColdChainDetector(new ColdChainOptions()), events).ShouldBeEmpty();
    }

    [Fact]
    public void Options_Invalid_AreNamed() =>
        new ColdChainOptions { MinCelsius = 9, MaxCelsius = 8, MaxExcursion = TimeSpan.Zero }.Validate().Select(p => p.Key).ShouldBe(["min-celsius", "max-excursion"]);
}
