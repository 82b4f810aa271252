using System.Globalization;
using Ensuresec.Demo.Scenario;

namespace Ensuresec.Demo.Generation.Attacks;

/// <summary>What the attack planners share: the plan's random stream, the options, the customers, and addresses in use.</summary>
internal sealed class PlanContext
{
    private readonly HashSet<string> _taken;

    public PlanContext(Random rng, ScenarioOptions options, CustomerBook book, IEnumerable<string> reserved)
    {
        Rng = rng;
        Options = options;
        Book = book;
        _taken = new HashSet<string>(book.HomeIps, StringComparer.Ordinal);
        _taken.UnionWith(book.MobilePool);
        _taken.UnionWith(reserved);
    }

    public Random Rng { get; }

    public ScenarioOptions Options { get; }

    public CustomerBook Book { get; }

    /// <summary>Accounts the stuffing broke into, with the time; the takeover uses one.</summary>
    public List<(string Account, long Ticks, string Ip)> StuffingSuccesses { get; } = [];

    public bool DrawSlow() => Rng.Chance(Options.SlowShare);

    /// <summary>The agent of an attack's tool: half the time a script library, half the time a browser string.</summary>
    public string AttackerAgent() => Rng.Chance(0.5) ? Rng.Pick(Catalog.ScriptAgents) : Rng.Pick(Catalog.BrowserAgents);

    public (int Addresses, double Rate, TimeSpan Duration) DrawPace(PaceRanges pace, bool slow) => slow
        ? (Rng.Draw(pace.SlowAddresses), Rng.Draw(pace.SlowRate), Rng.Draw(pace.SlowDuration))
        : (Rng.Draw(pace.FastAddresses), Rng.Draw(pace.FastRate), Rng.Draw(pace.FastDuration));

    /// <summary>A start so that [start, start + duration] lies inside the week, with half an hour to spare at each end.</summary>
    public long PickStart(TimeSpan duration)
    {
        long first = Options.Start.UtcTicks + TimeSpan.TicksPerHour / 2;
        long last = Options.End.UtcTicks - TimeSpan.TicksPerHour / 2 - duration.Ticks;
        if (last <= first) return first;
        return first + (long)(Rng.NextDouble() * (last - first));
    }

    /// <summary>The times of a Poisson process of the given rate over the window, at least three.</summary>
    public long[] Times(long start, double ratePerSecond, TimeSpan duration)
    {
        int n = Math.Max(3, Rng.Poisson(ratePerSecond * duration.TotalSeconds));
        var times = new long[n];
        for (int i = 0; i < n; i++) times[i] = start + (long)(Rng.NextDouble() * duration.Ticks);
        Array.Sort(times);
        times[0] = start;
        return times;
    }

    /// <summary>New attacker addresses, none used by a customer, a monitor, a crawler or another attack.</summary>
    public string[] NewAddresses(int count, double hostingShare)
    {
        var list = new string[count];
        for (int i = 0; i < count; i++)
        {
            string ip;
            do
            {
                ip = Rng.Chance(hostingShare) ? Addresses.HostingV4(Rng) : Addresses.Residential(Rng, 0.05);
            }
            while (!_taken.Add(ip));

            list[i] = ip;
        }

        return list;
    }

    public static string Format(double value) => value.ToString(value < 0.1 ? "0.####" : "0.##", CultureInfo.InvariantCulture);
}
