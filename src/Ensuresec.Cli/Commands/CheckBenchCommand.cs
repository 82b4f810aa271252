using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Ensuresec.Workflows;
using Ensuresec.Workflows.Checking;
using Ensuresec.Workflows.Promela;

namespace Ensuresec.Cli.Commands;

/// <summary>
/// `ensuresec bench check`: states per second of our checker and of SPIN (when spin and gcc are installed) on the
/// same generated workflow, safety (BFS vs pan -DSAFETY) and liveness under weak fairness (SCC vs pan -a -f).
/// </summary>
internal static partial class CheckBenchCommand
{
    public static Command Create()
    {
        var orders = new Option<int>("--orders") { Description = "Orders in the generated workflow (about 12^N states).", DefaultValueFactory = _ => 6 };
        var runs = new Option<int>("--runs") { Description = "Runs per checker; the median is reported.", DefaultValueFactory = _ => 3 };
        var command = new Command("check", "States per second of the workflow model checker against SPIN on the same generated model.") { orders, runs };
        command.SetAction(pr =>
        {
            int n = pr.GetValue(orders), r = pr.GetValue(runs);
            if (n is < 1 or > 9 || r is < 1 or > 20)
            {
                Console.Error.WriteLine("--orders must be 1..9 and --runs 1..20");
                return ExitCodes.BadUsage;
            }

            var w = WorkflowLoader.Parse(BenchModel.Generate(n), $"bench-orders-{n}.wf", out var errors) ?? throw new InvalidOperationException(string.Join("; ", errors));
            var safetyOnly = w with { Properties = [w.Properties[0]] };
            var ours = new List<(double States, double Seconds)>();
            var oursLive = new List<(double States, double Seconds)>();
            for (int i = 0; i < r; i++)
            {
                var report = WorkflowChecker.Check(safetyOnly, new CheckLimits { MaxStates = 50_000_000 });
                ours.Add((report.States, report.ExploreTime.TotalSeconds));
                var live = WorkflowChecker.Check(w with { Properties = [w.Properties[1]] }, new CheckLimits { MaxStates = 50_000_000 });
                oursLive.Add((live.Properties[0].ProductStates, live.TotalTime.TotalSeconds));
            }

            Print("ensuresec safety (BFS, all states)", ours);
            Print("ensuresec liveness, fair (BFS + SCC product)", oursLive);
            if (!ToolExists("spin") || !ToolExists("gcc"))
            {
                Console.WriteLine("spin or gcc not found: SPIN not measured (tests/deps/workflows.sh installs them)");
                return ExitCodes.Ok;
            }

            string dir = Path.Combine(Path.GetTempPath(), "ensuresec-bench-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                File.WriteAllText(Path.Combine(dir, "model.pml"), PromelaExporter.Export(w));
                Run(dir, "spin", "-a model.pml");
                Run(dir, "gcc", "-O2 -DNOREDUCE -DSAFETY -DMEMLIM=8192 -o pan_safety pan.c");
                Run(dir, "gcc", "-O2 -DNOREDUCE -DNFAIR=3 -DMEMLIM=8192 -o pan_live pan.c");
                // A hash table sized for the model (about 12^N states), as a SPIN user would set -w.
                int w2 = Math.Clamp((int)Math.Ceiling(Math.Log2(Math.Pow(12, n) * 2)), 18, 28);
                string hash = "-w" + w2.ToString(CultureInfo.InvariantCulture);
                var spin = new List<(double, double)>();
                var spinLive = new List<(double, double)>();
                for (int i = 0; i < r; i++)
                {
                    spin.Add(Pan(Run(dir, Path.Combine(dir, "pan_safety"), $"-m100000000 {hash} -N prop_ship_after_capture")));
                    spinLive.Add(Pan(Run(dir, Path.Combine(dir, "pan_live"), $"-a -f -m100000000 {hash} -N prop_captured_then_closed")));
                }

                Print("SPIN safety (pan -DSAFETY, DFS)", spin);
                Print("SPIN liveness, fair (pan -a -f)", spinLive);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"ratio ours/SPIN, states per second: safety {Rate(ours) / Rate(spin):0.00}, liveness {Rate(oursLive) / Rate(spinLive):0.00}"));
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static double Rate(List<(double States, double Seconds)> runs)
    {
        var sorted = runs.OrderBy(x => x.States / Math.Max(x.Seconds, 1e-9)).ToList();
        var median = sorted[sorted.Count / 2];
        return median.States / Math.Max(median.Seconds, 1e-9);
    }

    private static void Print(string what, List<(double States, double Seconds)> runs)
    {
        var sorted = runs.OrderBy(x => x.Seconds).ToList();
        var median = sorted[sorted.Count / 2];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what,-46} states {median.States,12:N0}  median {median.Seconds,8:0.000} s  {Rate(runs),14:N0} states/s"));
    }

    private static (double States, double Seconds) Pan(string output)
    {
        var states = StatesLine().Match(output);
        var time = TimeLine().Match(output);
        if (!states.Success || !time.Success || output.Contains("errors: 0", StringComparison.Ordinal) is false)
        {
            throw new InvalidOperationException("unexpected pan output:\n" + output);
        }

        return (double.Parse(states.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(time.Groups[1].Value, CultureInfo.InvariantCulture));
    }

    private static bool ToolExists(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, tool)));

    private static string Run(string dir, string file, string args)
    {
        var psi = new ProcessStartInfo(file, args) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {args} exited {p.ExitCode}:\n{output}{err.Result}");
        return output + err.Result;
    }

    [GeneratedRegex(@"(\d+) states, stored")]
    private static partial Regex StatesLine();

    [GeneratedRegex(@"pan: elapsed time ([0-9.e+-]+) seconds")]
    private static partial Regex TimeLine();
}
