using System.Globalization;
using Ensuresec.Demo.Scenario;
using FsCheck;
using FsCheck.Fluent;

namespace Ensuresec.Tests.Demo;

public sealed class ScenarioRangesTests
{
    // Planning only (the events are lazy), with few customers so that each seed is cheap.
    private static readonly ScenarioOptions Options = new() { Customers = 2_000, Scale = 0.5 };

    [Fact]
    public void Generate_AnySeed_DrawsEveryParameterFromItsStatedRange()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed => RangesHold(RetailerScenario.Generate(seed, Options).Truth))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Generate_ManySeeds_DrawsBothFastAndSlowVariants()
    {
        var attacks = Enumerable.Range(100, 60).SelectMany(s => RetailerScenario.Generate(s, Options).Truth.Attacks).ToList();
        foreach (var kind in new ScenarioOptions().Attacks)
        {
            var of = attacks.Where(a => a.Kind == kind).ToList();
            of.ShouldContain(a => a.Slow, kind.ToString());
            of.ShouldContain(a => !a.Slow, kind.ToString());
        }
    }

    private static bool RangesHold(GroundTruth t)
    {
        var o = Options;
        foreach (var a in t.Attacks)
        {
            a.Start.ShouldBeGreaterThanOrEqualTo(t.Start, a.Id);
            a.End.ShouldBeLessThanOrEqualTo(t.End, a.Id);
            TimeSpan span = a.End - a.Start;
            switch (a.Kind)
            {
                case AttackKind.Reconnaissance: Pace(a, o.Recon.Pace, span); break;
                case AttackKind.CredentialStuffing:
                    Pace(a, o.Stuffing.Pace, span);
                    o.Stuffing.Successes.Contains(Int(a, "successes")).ShouldBeTrue(a.Id);
                    break;
                case AttackKind.PasswordSpraying:
                    Pace(a, o.Spraying.Pace, span);
                    o.Spraying.Passwords.Contains(Int(a, "passwords")).ShouldBeTrue(a.Id);
                    Int(a, "successes").ShouldBeLessThanOrEqualTo(o.Spraying.Successes.Max, a.Id);
                    break;
                case AttackKind.AccountTakeover:
                    o.Takeover.Addresses.Contains(a.Addresses.Count).ShouldBeTrue(a.Id);
                    a.Accounts.Count.ShouldBe(1);
                    span.ShouldBeLessThanOrEqualTo((a.Slow ? o.Takeover.SlowChangeDelay.Max : o.Takeover.FastChangeDelay.Max) + o.Takeover.AddressChangeDelay.Max + TimeSpan.FromMinutes(5), a.Id);
                    break;
                case AttackKind.SearchFlood: Pace(a, o.Flood.Pace, span); break;
                case AttackKind.CardTesting:
                    Pace(a, o.CardTesting.Pace, span - TimeSpan.FromMinutes(a.Accounts.Count));
                    o.CardTesting.Accounts.Contains(a.Accounts.Count).ShouldBeTrue(a.Id);
                    a.Cards.Distinct().Count().ShouldBe(a.Cards.Count);
                    break;
            }
        }

        return true;
    }

    private static void Pace(AttackTruth a, PaceRanges p, TimeSpan span)
    {
        (a.Slow ? p.SlowAddresses : p.FastAddresses).Contains(a.Addresses.Count).ShouldBeTrue(a.Id);
        double rate = double.Parse(a.Parameters.Single(x => x.Key == "rate/s").Value, CultureInfo.InvariantCulture);
        var rates = a.Slow ? p.SlowRate : p.FastRate;
        rate.ShouldBeInRange(rates.Min * 0.99, rates.Max * 1.01, a.Id);
        span.ShouldBeLessThanOrEqualTo((a.Slow ? p.SlowDuration : p.FastDuration).Max + TimeSpan.FromSeconds(1), a.Id);
    }

    private static int Int(AttackTruth a, string key) => int.Parse(a.Parameters.Single(x => x.Key == key).Value, CultureInfo.InvariantCulture);
}
