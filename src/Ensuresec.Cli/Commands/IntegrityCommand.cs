using System.CommandLine;
using System.Text.Json;
using Ensuresec.Core.Events;
using Ensuresec.Core.Json;
using Ensuresec.Integrity.Files;
using Ensuresec.Integrity.Inspect;

namespace Ensuresec.Cli.Commands;

/// <summary>`ensuresec integrity baseline|scan|watch|restore`: file integrity monitoring of a web root with a signed baseline.</summary>
internal static class IntegrityCommand
{
    public static Command Create()
    {
        var command = new Command("integrity", "File integrity of a shop's web root: a signed baseline, scans, a watcher and restore.");
        command.Subcommands.Add(Baseline());
        command.Subcommands.Add(Scan());
        command.Subcommands.Add(Watch());
        command.Subcommands.Add(Restore());
        command.Subcommands.Add(IntegrityBenchCommand.Create());
        return command;
    }

    private static Option<string> StoreOption() => new("--store") { Description = "The baseline folder (outside the web root).", DefaultValueFactory = _ => Path.Combine("ensuresec-data", "integrity") };

    private static Option<string?> PublicKeyOption() => new("--public-key") { Description = "Base64 Ed25519 public key that must have signed the baseline (keep it away from the web server). Default: --key's, else the baseline.pub stored with the baseline (which only catches corruption)." };

    private static Option<string?> KeyOption(string description) => new("--key") { Description = description };

    private static Option<string[]> ExcludeOption() => new("--exclude") { Description = "Glob of paths to leave out, relative to the root ('*' matches across folders); repeatable, e.g. 'var/cache/*'." };

    private static Command Baseline()
    {
        var root = new Argument<string>("ROOT") { Description = "The web root to record." };
        var store = StoreOption();
        var key = KeyOption("Ed25519 private key file (base64 seed). Created, readable by its owner only, when missing.");
        var maxCopy = new Option<int>("--max-copy-mb") { Description = "Files up to this size are copied into the baseline for diffs and restore; larger ones are only hashed.", DefaultValueFactory = _ => 16 };
        var exclude = ExcludeOption();
        var command = new Command("baseline", "Record the web root (hash, size, permissions, a copy of each file) and sign the record.") { root, store, key, maxCopy, exclude };
        command.SetAction(pr =>
        {
            string rootPath = pr.GetValue(root)!;
            if (!Directory.Exists(rootPath)) return Fail($"{rootPath}: no such folder");
            string keyPath = pr.GetValue(key) ?? Path.Combine(pr.GetValue(store)!, "..", "integrity.key");
            byte[] privateKey;
            if (File.Exists(keyPath))
            {
                var (k, error) = BaselineSigner.ReadKey(keyPath);
                if (k is null) return Fail($"--key: {error}");
                privateKey = k;
            }
            else
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(keyPath))!);
                (privateKey, byte[] pub) = BaselineSigner.Generate();
                BaselineSigner.WritePrivateKey(keyPath, privateKey);
                Console.WriteLine($"created signing key {keyPath}; public key (keep a copy elsewhere): {Convert.ToBase64String(pub)}");
            }

            var stopwatch = System.Diagnostics.Stopwatch.StartNew();
            var exclusions = Exclusions(Path.GetFullPath(rootPath), pr.GetValue(exclude));
            try
            {
                var (baseline, problems) = new BaselineStore(pr.GetValue(store)!).Create(rootPath, privateKey, TimeProvider.System.GetUtcNow(), pr.GetValue(maxCopy) * 1024L * 1024L, exclusions);
                foreach (string p in problems) Console.Error.WriteLine($"warning: {p}");
                Console.WriteLine($"baseline of {baseline.Root}: {baseline.Files.Count} files, {baseline.Files.Values.Count(f => f.Copied)} copied, signed, in {stopwatch.Elapsed.TotalSeconds:F2} s -> {pr.GetValue(store)}");
                return ExitCodes.Ok;
            }
            catch (ArgumentException ex)
            {
                return Fail(ex.Message);
            }
        });
        return command;
    }

    private static Command Scan()
    {
        var store = StoreOption();
        var publicKey = PublicKeyOption();
        var key = KeyOption("The private key file; its public half verifies the baseline when --public-key is not given.");
        var json = new Option<bool>("--json") { Description = "Print changes, findings and problems as JSON." };
        var sensitive = new Option<string[]>("--sensitive") { Description = "Extra glob of sensitive paths (repeatable), on top of checkout, payment, .htaccess, cron, secrets and upload folders." };
        var noInspect = new Option<bool>("--no-inspect") { Description = "Do not run skimmer and web shell analysis on added and changed files." };
        var exclude = ExcludeOption();
        var command = new Command("scan", "Compare the web root with its signed baseline: added, changed, deleted and re-permissioned files, with diffs.") { store, publicKey, key, json, sensitive, noInspect, exclude };
        command.SetAction(pr =>
        {
            var loaded = Load(pr.GetValue(store)!, pr.GetValue(publicKey), pr.GetValue(key));
            if (loaded.Scanner is null) return loaded.Exit;
            var scanner = loaded.Scanner(pr.GetValue(sensitive) ?? [], !pr.GetValue(noInspect));
            var problems = new List<string>();
            var stopwatch = System.Diagnostics.Stopwatch.StartNew();
            var changes = scanner.Scan(problems, Exclusions(scanner.Baseline.Root, pr.GetValue(exclude)));
            var now = TimeProvider.System.GetUtcNow();
            var findings = changes.SelectMany(c => scanner.Findings(c, now)).ToList();
            if (pr.GetValue(json))
            {
                using var stdout = Console.OpenStandardOutput();
                using (var w = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true }))
                {
                    w.WriteStartObject();
                    w.WriteString("root", scanner.Baseline.Root);
                    w.WriteStartArray("changes");
                    foreach (var c in changes) WriteChange(w, c);
                    w.WriteEndArray();
                    w.WriteStartArray("findings");
                    foreach (var f in findings) FindingJson.Write(w, f);
                    w.WriteEndArray();
                    w.WriteStartArray("problems");
                    foreach (string p in problems) w.WriteStringValue(p);
                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                stdout.WriteByte((byte)'\n');
            }
            else
            {
                foreach (var f in findings) Console.WriteLine($"{f.Severity.ToName(),-8} {f.RuleId} {f.Explanation}");
                foreach (var c in changes.Where(c => c.Diff is not null)) Console.WriteLine(c.Diff);
                foreach (string p in problems) Console.WriteLine($"problem: {p}");
                Console.WriteLine($"{scanner.Baseline.Files.Count} files in the baseline, {changes.Count} changes, scanned in {stopwatch.Elapsed.TotalSeconds:F2} s.");
            }

            return changes.Count > 0 ? ExitCodes.FindingsAtOrAbove : ExitCodes.Ok;
        });
        return command;
    }

    private static Command Watch()
    {
        var store = StoreOption();
        var publicKey = PublicKeyOption();
        var key = KeyOption("The private key file; its public half verifies the baseline when --public-key is not given.");
        var json = new Option<bool>("--json") { Description = "Print each finding as one JSON line." };
        var sensitive = new Option<string[]>("--sensitive") { Description = "Extra glob of sensitive paths (repeatable)." };
        var interval = new Option<int>("--full-scan-minutes") { Description = "Minutes between full scans (events can be lost).", DefaultValueFactory = _ => 10 };
        var duration = new Option<int>("--duration") { Description = "Stop after this many seconds (0: until Ctrl+C).", DefaultValueFactory = _ => 0 };
        var exclude = ExcludeOption();
        var command = new Command("watch", "Watch the web root (inotify plus periodic full scans) and report each change against the signed baseline as it happens.") { store, publicKey, key, json, sensitive, interval, duration, exclude };
        command.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            var loaded = Load(pr.GetValue(store)!, pr.GetValue(publicKey), pr.GetValue(key));
            if (loaded.Scanner is null) return loaded.Exit;
            if (pr.GetValue(interval) < 1) return Fail("--full-scan-minutes: must be at least 1");
            var scanner = loaded.Scanner(pr.GetValue(sensitive) ?? [], true);
            bool asJson = pr.GetValue(json);
            var output = new object();
            void Report(FileChange change)
            {
                foreach (var f in scanner.Findings(change, TimeProvider.System.GetUtcNow()))
                {
                    lock (output) Console.WriteLine(asJson ? FindingJson.ToJson(f) : $"{DateTimeOffset.UtcNow:HH:mm:ss} {f.Severity.ToName(),-8} {f.RuleId} {f.Explanation}");
                }
            }

            var watcher = new IntegrityWatcher(scanner, Report, p => Console.Error.WriteLine($"problem: {p}"), TimeProvider.System)
            {
                FullScanInterval = TimeSpan.FromMinutes(pr.GetValue(interval)),
                Exclude = Exclusions(scanner.Baseline.Root, pr.GetValue(exclude)),
            };
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            if (pr.GetValue(duration) > 0) cts.CancelAfter(TimeSpan.FromSeconds(pr.GetValue(duration)));
            Console.Error.WriteLine($"watching {scanner.Baseline.Root} ({scanner.Baseline.Files.Count} files in the baseline); Ctrl+C stops");
            await watcher.RunAsync(cts.Token).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Restore()
    {
        var paths = new Argument<string[]>("PATH") { Description = "Files to put back as the baseline recorded them (relative to the root, or absolute).", Arity = ArgumentArity.ZeroOrMore };
        var all = new Option<bool>("--all-changed") { Description = "Restore every changed or deleted file of the baseline." };
        var store = StoreOption();
        var publicKey = PublicKeyOption();
        var key = KeyOption("The private key file; its public half verifies the baseline when --public-key is not given.");
        var command = new Command("restore", "Restore files from the signed baseline's copies (content checked against the signed hash first).") { paths, all, store, publicKey, key };
        command.SetAction(pr =>
        {
            var loaded = Load(pr.GetValue(store)!, pr.GetValue(publicKey), pr.GetValue(key));
            if (loaded.Scanner is null) return loaded.Exit;
            var scanner = loaded.Scanner([], false);
            var targets = (pr.GetValue(paths) ?? []).ToList();
            if (pr.GetValue(all))
            {
                targets.AddRange(scanner.Scan([]).Where(c => c.Kind is ChangeKind.Changed or ChangeKind.Deleted or ChangeKind.ModeChanged).Select(c => c.Path));
            }

            if (targets.Count == 0) return Fail("name the files to restore, or --all-changed");
            int failed = 0;
            foreach (string path in targets)
            {
                string? error = FileRestorer.Restore(scanner.Baseline, loaded.Store!, path);
                if (error is null) Console.WriteLine($"restored {path}");
                else { Console.Error.WriteLine($"not restored: {error}"); failed++; }
            }

            return failed == 0 ? ExitCodes.Ok : ExitCodes.FindingsAtOrAbove;
        });
        return command;
    }

    private static (Func<string[], bool, IntegrityScanner>? Scanner, BaselineStore? Store, int Exit) Load(string storePath, string? publicKeyPath, string? keyPath)
    {
        var store = new BaselineStore(storePath);
        byte[]? publicKey = null;
        if (publicKeyPath is not null)
        {
            var (k, error) = BaselineSigner.ReadKey(publicKeyPath);
            if (k is null) return (null, null, Fail($"--public-key: {error}"));
            publicKey = k;
        }
        else if (keyPath is not null)
        {
            var (k, error) = BaselineSigner.ReadKey(keyPath);
            if (k is null) return (null, null, Fail($"--key: {error}"));
            publicKey = BaselineSigner.PublicKeyOf(k);
        }
        else if (File.Exists(store.PublicKeyPath))
        {
            Console.Error.WriteLine($"warning: verifying with {store.PublicKeyPath} stored beside the baseline; pass --public-key kept elsewhere to also detect a rewritten baseline");
            var (k, error) = BaselineSigner.ReadKey(store.PublicKeyPath);
            if (k is null) return (null, null, Fail(error!));
            publicKey = k;
        }

        if (publicKey is null) return (null, null, Fail($"{storePath}: no baseline here (run `ensuresec integrity baseline` first)"));
        var (baseline, loadError) = store.Load(publicKey);
        if (baseline is null)
        {
            // ES-FIM-005: a baseline that fails its signature is itself a finding, and nothing is compared with it
            Console.Error.WriteLine($"critical ES-FIM-005 {loadError}");
            return (null, null, ExitCodes.FindingsAtOrAbove);
        }

        return ((sensitive, inspect) => new IntegrityScanner(baseline, store, new SensitivePlaces(sensitive), inspect ? new Inspector(new InspectOptions()) : null), store, ExitCodes.Ok);
    }

    private static Func<string, bool>? Exclusions(string root, string[]? globs)
    {
        if (globs is not { Length: > 0 }) return null;
        var places = globs.Select(g => new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(g).Replace("\\*", ".*", StringComparison.Ordinal) + "$",
            System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))).ToList();
        return full => places.Exists(p => p.IsMatch(FileSnapshot.Relative(root, full)));
    }

    private static void WriteChange(Utf8JsonWriter w, FileChange c)
    {
        w.WriteStartObject();
        w.WriteString("kind", c.Kind.ToString().ToLowerInvariant());
        w.WriteString("path", c.Path);
        if (c.Sensitive is not null) w.WriteString("sensitive", c.Sensitive);
        WriteEntry(w, "before", c.Before);
        WriteEntry(w, "after", c.After);
        if (c.Diff is not null) w.WriteString("diff", c.Diff);
        w.WriteEndObject();
    }

    private static void WriteEntry(Utf8JsonWriter w, string name, FileEntry? e)
    {
        if (e is null) return;
        w.WriteStartObject(name);
        w.WriteString("sha256", e.Sha256);
        w.WriteNumber("size", e.Size);
        w.WriteString("mode", Convert.ToString(e.Mode & 0xFFF, 8).PadLeft(4, '0'));
        if (e.LinkTarget is not null) w.WriteString("link_target", e.LinkTarget);
        w.WriteEndObject();
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return ExitCodes.BadUsage;
    }
}
