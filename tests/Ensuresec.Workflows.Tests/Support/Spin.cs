using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Ensuresec.Workflows.Model;
using Ensuresec.Workflows.Promela;

namespace Ensuresec.Workflows.Tests.Support;

/// <summary>Runs SPIN on the Promela export: spin -a, gcc pan.c, then pan -a per property (-f under fairness).</summary>
internal static partial class Spin
{
    /// <summary>The verdict (true = holds) of every property, by name, and the states SPIN stored for each.</summary>
    public static Dictionary<string, (bool Holds, long States)> Verify(Workflow w)
    {
        string dir = Path.Combine(Path.GetTempPath(), "ensuresec-spin-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "model.pml"), PromelaExporter.Export(w));
            Run(dir, "spin", "-a model.pml");
            int nfair = Math.Max(2, ((w.Processes.Count + 10) / 8) + 1);
            Run(dir, "gcc", $"-O0 -DNOREDUCE -DNFAIR={nfair} -DVECTORSZ=4096 -o pan pan.c");
            var verdicts = new Dictionary<string, (bool, long)>();
            foreach (var p in w.Properties.Where(PromelaExporter.Exportable))
            {
                string output = Run(dir, Path.Combine(dir, "pan"), $"-a -E {(p.Fair ? "-f " : "")}-m10000000 -N prop_{p.Name}", allowExitCodes: true);
                if (output.Contains("pan: error", StringComparison.Ordinal) || output.Contains("max search depth too small", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"pan could not decide {p.Name}:\n{output}");
                }

                var errors = ErrorsLine().Match(output);
                var states = StatesLine().Match(output);
                if (!errors.Success || !states.Success) throw new InvalidOperationException($"unexpected pan output for {p.Name}:\n{output}");
                verdicts[p.Name] = (errors.Groups[1].Value == "0", long.Parse(states.Groups[1].Value, CultureInfo.InvariantCulture));
            }

            return verdicts;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    public static bool Available() => Exists("spin") && Exists("gcc");

    private static bool Exists(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, tool)));

    private static string Run(string dir, string file, string args, bool allowExitCodes = false)
    {
        var psi = new ProcessStartInfo(file, args) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        string all = stdout + stderr.Result;
        if (process.ExitCode != 0 && !allowExitCodes) throw new InvalidOperationException($"{file} {args} exited {process.ExitCode}:\n{all}");
        return all;
    }

    [GeneratedRegex(@"errors: (\d+)")]
    private static partial Regex ErrorsLine();

    [GeneratedRegex(@"(\d+) states, stored")]
    private static partial Regex StatesLine();
}
