using System.CommandLine;
using System.Diagnostics;
using System.Security.Cryptography;
using Ensuresec.Ledger.Merkle;
using Ensuresec.Ledger.Notes;
using Ensuresec.Ledger.Tiles;

namespace Ensuresec.Cli.Commands;

/// <summary>
/// `ensuresec bench ledger`: in one run, the SHA-256 rate on a leaf (257 bytes) and a node (65 bytes), appends of
/// 256-byte entries in batches of 1,024 in memory and durable on disk, warm inclusion proofs and their verification,
/// and the full verification of the durable log. Medians of --runs; one thread.
/// </summary>
internal static class LedgerBenchCommand
{
    public static Command Create()
    {
        var entries = new Option<int>("--entries") { Description = "Entries appended (and then fully verified) per run.", DefaultValueFactory = _ => 1_000_000 };
        var runs = new Option<int>("--runs") { Description = "Runs of each measurement; the median is reported.", DefaultValueFactory = _ => 3 };
        var dir = new Option<string?>("--dir") { Description = "Where the durable logs are written (default: a temporary folder, deleted afterwards)." };
        var verifyEntries = new Option<int>("--verify-entries") { Description = "Also build a log of this many entries on disk (batches of 65,536, not timed) and time its full verification (10,000,000 by hand; 0: skip).", DefaultValueFactory = _ => 0 };
        var oneCore = new Option<bool>("--one-core") { Description = "Pin the whole process (its threads and the runtime's) to one CPU, so every figure is what one core does." };
        var command = new Command("ledger", "Measure the ledger: SHA-256 limit, appends (memory and durable), proofs, full verification.") { entries, runs, dir, verifyEntries, oneCore };
        command.SetAction((ParseResult pr) =>
        {
            int n = pr.GetValue(entries), r = pr.GetValue(runs), v = pr.GetValue(verifyEntries);
            if (n is < 1024 or > 100_000_000 || r is < 1 or > 20 || v is < 0 or > 100_000_000) return LedgerOutput.Fail("--entries 1024..100000000, --runs 1..20, --verify-entries 0..100000000");
            if (pr.GetValue(oneCore))
            {
                if (!OperatingSystem.IsLinux() && !OperatingSystem.IsWindows()) return LedgerOutput.Fail("--one-core needs Linux or Windows");
                Process.GetCurrentProcess().ProcessorAffinity = 1;
            }

            string root = pr.GetValue(dir) ?? Directory.CreateTempSubdirectory("ensuresec-ledger-bench-").FullName;
            try
            {
                double limit = Run(n, r, root);
                if (v > 0) VerifyLarge(v, r, root, limit);
            }
            finally
            {
                if (pr.GetValue(dir) is null) Directory.Delete(root, recursive: true);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Verification hashes each entry (leaf) and about one node per entry (the tiles), on every core.</summary>
    private static string VerifyRatio(double wallRate, double limit) =>
        $"{100 * wallRate / (limit * Cores):N0}% of the hash limit on {Cores} core(s)";

    /// <summary>Cores this process may run on (one with --one-core).</summary>
    private static int Cores => OperatingSystem.IsLinux() || OperatingSystem.IsWindows() ? System.Numerics.BitOperations.PopCount((ulong)Process.GetCurrentProcess().ProcessorAffinity) : Environment.ProcessorCount;

    private static void VerifyLarge(int n, int runs, string root, double limit)
    {
        var signer = Ed25519Signer.Generate("bench.example/large");
        var store = new FileTileStore(Path.Combine(root, "large"));
        using var writer = TileLogWriter.Open(store, signer, signer.Verifier());
        var entry = new byte[256];
        RandomNumberGenerator.Fill(entry);
        var build = Stopwatch.StartNew();
        for (int at = 0; at < n; at += 65_536)
        {
            var batch = new List<byte[]>(65_536);
            for (int i = at; i < Math.Min(n, at + 65_536); i++)
            {
                var e = (byte[])entry.Clone();
                BitConverter.TryWriteBytes(e, i);
                batch.Add(e);
            }

            writer.Append(batch);
        }

        Console.Out.WriteLine($"built a log of {n:N0} entries on disk in {build.Elapsed.TotalSeconds:N1} s (batches of 65,536)");
        var root32 = writer.RootHash;
        var full = Rates(runs, n, () =>
        {
            var report = LogVerifier.Verify(store, (ulong)n, root32);
            if (!report.Ok) throw new InvalidOperationException(report.Problems[0].Message);
        });
        Console.Out.WriteLine($"full verification of {n:N0} entries: {n / full.Wall:N2} s wall, {n / full.Cpu:N2} s CPU ({VerifyRatio(full.Wall, limit)})");
    }

    /// <summary>Runs the measurements and returns the append limit (entries per wall second).</summary>
    private static double Run(int n, int runs, string root)
    {
        Console.Out.WriteLine($"ledger bench: {n:N0} entries of 256 bytes, batches of 1,024, {runs} run(s), {Cores} core(s) usable; appends hash on one thread, verification on every core");
        Console.Out.WriteLine("rates: wall clock / per CPU second of this process (the machine may be shared)");
        // Both ways .NET offers SHA-256; the limit takes the faster, so reusing a hash object cannot flatter the ratios.
        var leafOneShot = Rates(runs, HashCount, () => Hashes(257));
        var nodeOneShot = Rates(runs, HashCount, () => Hashes(65));
        var leafReused = Rates(runs, HashCount, () => ReusedHashes(257));
        var nodeReused = Rates(runs, HashCount, () => ReusedHashes(65));
        var leaf = (Wall: Math.Max(leafOneShot.Wall, leafReused.Wall), Cpu: Math.Max(leafOneShot.Cpu, leafReused.Cpu));
        var node = (Wall: Math.Max(nodeOneShot.Wall, nodeReused.Wall), Cpu: Math.Max(nodeOneShot.Cpu, nodeReused.Cpu));
        double limit = 1 / ((1 / leaf.Wall) + (1 / node.Wall));
        double limitCpu = 1 / ((1 / leaf.Cpu) + (1 / node.Cpu));
        Console.Out.WriteLine($"sha256 257 B (leaf):  {leaf.Wall / 1e6:N2} / {leaf.Cpu / 1e6:N2} M hashes/s ({1e9 / leaf.Cpu:N0} ns per CPU; SHA256.HashData {1e9 / leafOneShot.Cpu:N0} ns, IncrementalHash reused {1e9 / leafReused.Cpu:N0} ns)");
        Console.Out.WriteLine($"sha256 65 B (node):   {node.Wall / 1e6:N2} / {node.Cpu / 1e6:N2} M hashes/s ({1e9 / node.Cpu:N0} ns per CPU; SHA256.HashData {1e9 / nodeOneShot.Cpu:N0} ns, IncrementalHash reused {1e9 / nodeReused.Cpu:N0} ns)");
        Console.Out.WriteLine($"append limit (leaf + node hash): {limit / 1e6:N2} / {limitCpu / 1e6:N2} M entries/s");

        var signer = Ed25519Signer.Generate("bench.example/ledger");
        var batches = Batches(n);
        MemoryTileStore memory = new();
        var inMemory = Shares(runs, n, () =>
        {
            memory = new MemoryTileStore();
            Append(memory, signer, batches);
        });
        Console.Out.WriteLine($"append in memory:     {inMemory.Wall / 1e6:N2} / {inMemory.Cpu / 1e6:N2} M entries/s ({100 * inMemory.WallShare:N0}% / {100 * inMemory.CpuShare:N0}% of the limit)");

        {
            string last = string.Empty;
            var single = Shares(runs, n, () =>
            {
                last = Path.Combine(root, Guid.NewGuid().ToString("N"));
                Append(new FileTileStore(last), signer, batches);
            }, root);
            string sequential = last;
            Console.Out.WriteLine($"append durable, one appender: {single.Wall / 1e6:N3} M entries/s wall ({100 * single.WallShare:N0}% of the limit; {single.Cpu / 1e6:N3} M per CPU second, {100 * single.CpuShare:N0}%; each batch waits for its own fsync)");
            var pipelined = Shares(runs, n, () =>
            {
                last = Path.Combine(root, Guid.NewGuid().ToString("N"));
                AppendInFlight(new FileTileStore(last), signer, batches, Appenders);
            }, root);
            Console.Out.WriteLine($"append durable, one appender, {Appenders} batches in flight: {pipelined.Wall / 1e6:N3} M entries/s wall ({100 * pipelined.WallShare:N0}% of the limit; {pipelined.Cpu / 1e6:N3} M per CPU second, {100 * pipelined.CpuShare:N0}%; AppendAsync, as `ledger append` does)");
            var grouped = Shares(runs, n, () =>
            {
                last = Path.Combine(root, Guid.NewGuid().ToString("N"));
                AppendConcurrently(new FileTileStore(last), signer, batches, Appenders);
            }, root);
            Console.Out.WriteLine($"append durable, group commit: {grouped.Wall / 1e6:N3} M entries/s wall ({100 * grouped.WallShare:N0}% of the limit; {grouped.Cpu / 1e6:N3} M per CPU second, {100 * grouped.CpuShare:N0}%; {Appenders} appenders, batches staged while the previous fsync runs)");

            var tree = new TileTree(memory, (ulong)n);
            var rootHash = tree.Root();
            var random = new Random(1);
            var indices = Enumerable.Range(0, 10_000).Select(_ => (ulong)random.NextInt64(n)).ToArray();
            foreach (var i in indices) tree.Inclusion(i);
            var proofs = indices.Select(i => tree.Inclusion(i)).ToArray();
            var leaves = indices.Select(i => tree.LeafHash(i)).ToArray();
            var prove = Rates(runs, indices.Length, () => { foreach (var i in indices) tree.Inclusion(i); });
            var verify = Rates(runs, indices.Length, () => { for (int k = 0; k < indices.Length; k++) ProofVerifier.VerifyInclusion(indices[k], (ulong)n, leaves[k], proofs[k], rootHash); });
            Console.Out.WriteLine($"inclusion proof, warm tiles: {1e6 / prove.Wall:N2} / {1e6 / prove.Cpu:N2} µs; verification: {1e6 / verify.Wall:N2} / {1e6 / verify.Cpu:N2} µs ({proofs[0].Count} hashes)");

            var store = new FileTileStore(sequential);
            var full = Rates(runs, n, () =>
            {
                var report = LogVerifier.Verify(store, (ulong)n, rootHash);
                if (!report.Ok) throw new InvalidOperationException(report.Problems[0].Message);
            });
            Console.Out.WriteLine($"full verification of {n:N0} entries (durable log, page cache warm): {n / full.Wall:N2} s wall, {n / full.Cpu:N2} s CPU ({full.Cpu / 1e6:N2} M entries per CPU second; {VerifyRatio(full.Wall, limit)})");
        }

        return limit;
    }

    private static List<byte[]>[] Batches(int n)
    {
        var entry = new byte[256];
        RandomNumberGenerator.Fill(entry);
        var result = new List<List<byte[]>>();
        for (int at = 0; at < n; at += 1024)
        {
            var batch = new List<byte[]>();
            for (int i = at; i < Math.Min(n, at + 1024); i++)
            {
                var e = (byte[])entry.Clone();
                BitConverter.TryWriteBytes(e, i);
                batch.Add(e);
            }

            result.Add(batch);
        }

        return [.. result];
    }

    /// <summary>Concurrent appenders of a durable log (group commit).</summary>
    private const int Appenders = 4;

    private static void Append(ITileStore store, Ed25519Signer signer, List<byte[]>[] batches)
    {
        using var writer = TileLogWriter.Open(store, signer, signer.Verifier());
        foreach (var b in batches) writer.Append(b);
    }

    /// <summary>One thread keeps up to <paramref name="inFlight"/> batches queued (AppendAsync), waiting for the oldest.</summary>
    private static void AppendInFlight(ITileStore store, Ed25519Signer signer, List<byte[]>[] batches, int inFlight)
    {
        using var writer = TileLogWriter.Open(store, signer, signer.Verifier());
        var queued = new Queue<Task<ulong>>();
        foreach (var b in batches)
        {
            if (queued.Count == inFlight) queued.Dequeue().GetAwaiter().GetResult();
            queued.Enqueue(writer.AppendAsync(b));
        }

        while (queued.Count > 0) queued.Dequeue().GetAwaiter().GetResult();
    }

    /// <summary>Several threads append the batches (each takes the next one), so commits overlap hashing with the fsync of the batches before.</summary>
    private static void AppendConcurrently(ITileStore store, Ed25519Signer signer, List<byte[]>[] batches, int appenders)
    {
        using var writer = TileLogWriter.Open(store, signer, signer.Verifier());
        int next = -1;
        var threads = Enumerable.Range(0, appenders).Select(_ => new Thread(() =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < batches.Length) writer.Append(batches[i]);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
    }

    /// <summary>
    /// Runs an append measurement, each run right after a short measurement of the hash limit: a shared host's speed
    /// drifts between runs, so each run is set against the limit of its own moment. Medians of the rates and of the shares.
    /// </summary>
    private static (double Wall, double Cpu, double WallShare, double CpuShare) Shares(int runs, double count, Action action, string? flush = null)
    {
        var results = new List<(double Wall, double Cpu, double WallShare, double CpuShare)>();
        for (int i = 0; i < runs; i++)
        {
            // The previous run's files reach the disk first: their writeback would slow the limit's hashing (flattering
            // the share) and the next run.
            if (flush is not null) WriteAheadLog.SyncFileSystem(flush);
            var limit = Limit(QuickHashCount);
            double wall = count / Time(action);
            double cpu = count / Math.Max(_lastCpu, 1e-9);
            results.Add((wall, cpu, wall / limit.Wall, cpu / limit.Cpu));
        }

        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted[sorted.Count / 2];
        }

        return (Median(results.Select(r => r.Wall)), Median(results.Select(r => r.Cpu)), Median(results.Select(r => r.WallShare)), Median(results.Select(r => r.CpuShare)));
    }

    /// <summary>Entries per second if an append cost only its leaf and node hash, each the faster of .NET's two ways (wall, CPU).</summary>
    private static (double Wall, double Cpu) Limit(int hashes)
    {
        var leaf = (Wall: 0.0, Cpu: 0.0);
        var node = (Wall: 0.0, Cpu: 0.0);
        foreach (var (size, reused) in new[] { (257, false), (257, true), (65, false), (65, true) })
        {
            double wall = hashes / Time(() => { if (reused) ReusedHashes(size, hashes); else Hashes(size, hashes); });
            double cpu = hashes / Math.Max(_lastCpu, 1e-9);
            if (size == 257) leaf = (Math.Max(leaf.Wall, wall), Math.Max(leaf.Cpu, cpu));
            else node = (Math.Max(node.Wall, wall), Math.Max(node.Cpu, cpu));
        }

        return (1 / ((1 / leaf.Wall) + (1 / node.Wall)), 1 / ((1 / leaf.Cpu) + (1 / node.Cpu)));
    }

    private const int HashCount = 2_000_000;

    /// <summary>Hashes of each kind in the limit measured before each append run (about a tenth of a second each).</summary>
    private const int QuickHashCount = 300_000;

    private static void Hashes(int size, int count = HashCount)
    {
        var input = new byte[size];
        Span<byte> output = stackalloc byte[32];
        for (int i = 0; i < count; i++)
        {
            input[0] = (byte)i;
            SHA256.HashData(input, output);
        }
    }

    private static void ReusedHashes(int size, int count = HashCount)
    {
        var input = new byte[size];
        Span<byte> output = stackalloc byte[32];
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (int i = 0; i < count; i++)
        {
            input[0] = (byte)i;
            sha256.AppendData(input);
            sha256.GetHashAndReset(output);
        }
    }

    /// <summary>Wall-clock seconds; the process CPU seconds of the same run go to <see cref="_lastCpu"/> (on a shared machine, CPU time shows what one core does).</summary>
    private static double Time(Action action)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        action();
        _lastCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        return sw.Elapsed.TotalSeconds;
    }

    [ThreadStatic]
    private static double _lastCpu;

    /// <summary>Median of wall-clock rates and of CPU-time rates (count / seconds).</summary>
    private static (double Wall, double Cpu) Rates(int runs, double count, Action action)
    {
        var wall = new List<double>();
        var cpu = new List<double>();
        for (int i = 0; i < runs; i++)
        {
            wall.Add(count / Time(action));
            cpu.Add(count / Math.Max(_lastCpu, 1e-9));
        }

        wall.Sort();
        cpu.Sort();
        return (wall[runs / 2], cpu[runs / 2]);
    }
}
