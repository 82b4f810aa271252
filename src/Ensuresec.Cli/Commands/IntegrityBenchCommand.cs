using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Ensuresec.Integrity.Files;
using Ensuresec.Integrity.Inspect;

namespace Ensuresec.Cli.Commands;

/// <summary>
/// `ensuresec integrity bench`: builds a synthetic web root (seeded), then times the baseline, a rescan with no
/// change, and the watcher's latency from a write to its report; medians over --runs. Measures; asserts nothing.
/// </summary>
internal static class IntegrityBenchCommand
{
    public static Command Create()
    {
        var files = new Option<int>("--files") { Description = "Files in the synthetic web root.", DefaultValueFactory = _ => 10_000 };
        var runs = new Option<int>("--runs") { Description = "Repetitions; medians are printed.", DefaultValueFactory = _ => 5 };
        var inspectDir = new Option<string?>("--inspect-dir") { Description = "Also time `inspect` over this folder (e.g. the npm libraries of the tests)." };
        var command = new Command("bench", "Measure baseline, rescan and watch latency on a synthetic web root (and optionally inspection throughput).") { files, runs, inspectDir };
        command.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            int n = pr.GetValue(files), r = Math.Max(1, pr.GetValue(runs));
            string dir = Path.Combine(Path.GetTempPath(), "ensuresec-bench-" + Guid.NewGuid().ToString("N"));
            try
            {
                string root = Path.Combine(dir, "www");
                long bytes = MakeTree(root, n);
                Console.WriteLine($"synthetic web root: {n} files, {bytes / 1024.0 / 1024.0:F1} MiB");
                var (privateKey, publicKey) = BaselineSigner.Generate();
                var baselineTimes = new List<double>();
                var hashOnlyTimes = new List<double>();
                var rescanTimes = new List<double>();
                var latencies = new List<double>();
                for (int i = 0; i < r; i++)
                {
                    var hashOnly = new BaselineStore(Path.Combine(dir, "hash" + i));
                    var watch = Stopwatch.StartNew();
                    hashOnly.Create(root, privateKey, DateTimeOffset.UtcNow, -1);
                    hashOnlyTimes.Add(watch.Elapsed.TotalSeconds);
                    Directory.Delete(hashOnly.Folder, true);
                    var store = new BaselineStore(Path.Combine(dir, "store" + i));
                    watch.Restart();
                    store.Create(root, privateKey, DateTimeOffset.UtcNow, 16 * 1024 * 1024);
                    baselineTimes.Add(watch.Elapsed.TotalSeconds);
                    var scanner = new IntegrityScanner(store.Load(publicKey).Baseline!, store, new SensitivePlaces([]), null);
                    watch.Restart();
                    var changes = scanner.Scan([]);
                    rescanTimes.Add(watch.Elapsed.TotalSeconds);
                    if (changes.Count != 0) throw new InvalidOperationException("the rescan found changes in an untouched tree");
                    latencies.Add(await WatchLatencyAsync(scanner, root, i, ct).ConfigureAwait(false));
                    Directory.Delete(store.Folder, true);
                }

                Console.WriteLine($"baseline (hash, sign):       median {Median(hashOnlyTimes):F3} s  [{string.Join(", ", hashOnlyTimes.Select(F))}]");
                Console.WriteLine($"baseline (hash, copy, sign): median {Median(baselineTimes):F3} s  [{string.Join(", ", baselineTimes.Select(F))}]");
                Console.WriteLine($"rescan (no change):          median {Median(rescanTimes):F3} s  [{string.Join(", ", rescanTimes.Select(F))}]");
                Console.WriteLine($"watch, write to report:      median {Median(latencies):F3} s  [{string.Join(", ", latencies.Select(F))}]");
                if (pr.GetValue(inspectDir) is { } folder && Directory.Exists(folder))
                {
                    var inspector = new Inspector(new InspectOptions());
                    var times = new List<double>();
                    long inspected = 0;
                    int count = 0;
                    for (int i = 0; i < r; i++)
                    {
                        var watch = Stopwatch.StartNew();
                        var results = DirectoryInspection.Run(inspector, folder);
                        times.Add(watch.Elapsed.TotalSeconds);
                        count = results.Count(x => x.Skipped is null && x.Error is null);
                        inspected = results.Where(x => x.Skipped is null && x.Error is null).Sum(x => new FileInfo(x.Path).Length);
                    }

                    Console.WriteLine($"inspect {folder}: {count} files, {inspected / 1024.0 / 1024.0:F1} MiB, median {Median(times):F3} s = {inspected / 1024.0 / 1024.0 / Median(times):F1} MiB/s");
                }

                return ExitCodes.Ok;
            }
            finally
            {
                if (Directory.Exists(dir)) Directory.Delete(dir, true);
            }
        });
        return command;
    }

    private static async Task<double> WatchLatencyAsync(IntegrityScanner scanner, string root, int run, CancellationToken ct)
    {
        var reported = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        string target = Path.Combine(root, "app", "code", "m0", "Model", $"File0.php");
        var watcher = new IntegrityWatcher(scanner, c => { if (c.Path.EndsWith("File0.php", StringComparison.Ordinal)) reported.TrySetResult(DateTimeOffset.UtcNow); }, _ => { }, TimeProvider.System);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var running = watcher.RunAsync(cts.Token);
        await Task.Delay(1500, ct).ConfigureAwait(false); // the first full scan and the watch are set up
        string original = await File.ReadAllTextAsync(target, ct).ConfigureAwait(false);
        var written = DateTimeOffset.UtcNow;
        await File.AppendAllTextAsync(target, $"\n// change {run}\n", ct).ConfigureAwait(false);
        var done = await Task.WhenAny(reported.Task, Task.Delay(30_000, ct)).ConfigureAwait(false);
        double latency = done == reported.Task ? (reported.Task.Result - written).TotalSeconds : double.NaN;
        await cts.CancelAsync().ConfigureAwait(false);
        await running.ConfigureAwait(false);
        await File.WriteAllTextAsync(target, original, ct).ConfigureAwait(false);
        return latency;
    }

    /// <summary>A Magento-like tree: PHP modules, templates, JS, CSS and images, sizes drawn from a seeded generator.</summary>
    private static long MakeTree(string root, int files)
    {
        var random = new Random(20261122);
        long total = 0;
        string[] kinds = ["php", "phtml", "js", "css", "png", "xml"];
        for (int i = 0; i < files; i++)
        {
            string kind = kinds[random.Next(kinds.Length)];
            string folder = kind switch
            {
                "php" => Path.Combine("app", "code", "m" + (i % 200), "Model"),
                "phtml" => Path.Combine("app", "design", "frontend", "t" + (i % 50), "templates"),
                "js" or "css" => Path.Combine("pub", "static", "s" + (i % 100)),
                "png" => Path.Combine("pub", "media", "catalog", "p" + (i % 300)),
                _ => Path.Combine("app", "etc", "x" + (i % 20)),
            };
            string path = Path.Combine(root, folder, $"File{i / 200}{(i % 200 == 0 ? string.Empty : "_" + i.ToString(CultureInfo.InvariantCulture))}.{kind}");
            if (i % 200 == 0 && kind != "php") path = Path.Combine(root, folder, $"File{i}.{kind}");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            int size = kind == "png" ? random.Next(2_000, 60_000) : random.Next(300, 16_000);
            var content = new byte[size];
            if (kind == "png") random.NextBytes(content);
            else for (int k = 0; k < size; k++) content[k] = (byte)(k % 64 == 63 ? '\n' : 'a' + random.Next(26));
            File.WriteAllBytes(path, content);
            total += size;
        }

        // the file the latency probe writes to
        string probe = Path.Combine(root, "app", "code", "m0", "Model", "File0.php");
        Directory.CreateDirectory(Path.GetDirectoryName(probe)!);
        if (!File.Exists(probe)) File.WriteAllText(probe, "<?php\n");
        return total;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Where(double.IsFinite).Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string F(double d) => d.ToString("F3", CultureInfo.InvariantCulture);
}
