using System.Threading.Channels;

namespace Ensuresec.Integrity.Files;

/// <summary>
/// Watches a baselined tree: inotify events (FileSystemWatcher) re-check the touched paths after a short settling
/// delay, and a full scan runs every <see cref="FullScanInterval"/> (and after a watcher overflow), since events can be
/// lost. Each distinct state of a path is reported once.
/// </summary>
internal sealed class IntegrityWatcher(IntegrityScanner scanner, Action<FileChange> report, Action<string> problem, TimeProvider time)
{
    private readonly Channel<string?> _touched = Channel.CreateUnbounded<string?>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, string> _reported = new(StringComparer.Ordinal);

    public TimeSpan FullScanInterval { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long to wait after an event before reading the file, so a write in progress settles.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromMilliseconds(150);

    public Func<string, bool>? Exclude { get; init; }

    public async Task RunAsync(CancellationToken ct)
    {
        string root = scanner.Baseline.Root;
        using var watcher = new FileSystemWatcher(root)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.Attributes | NotifyFilters.Security,
            InternalBufferSize = 64 * 1024,
        };
        watcher.Created += (_, e) => _touched.Writer.TryWrite(e.FullPath);
        watcher.Changed += (_, e) => _touched.Writer.TryWrite(e.FullPath);
        watcher.Deleted += (_, e) => _touched.Writer.TryWrite(e.FullPath);
        watcher.Renamed += (_, e) => { _touched.Writer.TryWrite(e.OldFullPath); _touched.Writer.TryWrite(e.FullPath); };
        watcher.Error += (_, e) => { problem($"watcher: {e.GetException().Message}; running a full scan"); _touched.Writer.TryWrite(null); };
        watcher.EnableRaisingEvents = true;

        FullScan();
        using var timer = new PeriodicTimer(FullScanInterval, time);
        var tick = timer.WaitForNextTickAsync(ct).AsTask();
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var read = _touched.Reader.WaitToReadAsync(ct).AsTask();
                var done = await Task.WhenAny(read, tick).ConfigureAwait(false);
                if (done == tick)
                {
                    await tick.ConfigureAwait(false);
                    FullScan();
                    tick = timer.WaitForNextTickAsync(ct).AsTask();
                    continue;
                }

                await read.ConfigureAwait(false);
                await Task.Delay(Settle, time, ct).ConfigureAwait(false);
                var batch = new HashSet<string>(StringComparer.Ordinal);
                bool full = false;
                while (_touched.Reader.TryRead(out string? path))
                {
                    if (path is null) full = true;
                    else batch.Add(path);
                }

                if (full) FullScan();
                else foreach (string path in batch) CheckPath(path);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private void CheckPath(string fullPath)
    {
        string root = scanner.Baseline.Root;
        if (Exclude?.Invoke(fullPath) ?? false) return;
        string relative = FileSnapshot.Relative(root, fullPath);
        if (relative.StartsWith("..", StringComparison.Ordinal)) return;
        if (Directory.Exists(fullPath) && new DirectoryInfo(fullPath).LinkTarget is null)
        {
            // a folder created or moved in: its files arrive without events of their own
            foreach (string file in Common.TreeWalker.Files(fullPath)) CheckPath(file);
            return;
        }

        var paths = new List<string> { relative };
        // a folder deleted or moved away: every baseline file under it
        string prefix = relative + "/";
        paths.AddRange(scanner.Baseline.Files.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)));
        foreach (string p in paths)
        {
            var change = scanner.Check(p, out string? trouble);
            if (trouble is not null) problem(trouble);
            Report(p, change);
        }
    }

    private void FullScan()
    {
        var problems = new List<string>();
        var changes = scanner.Scan(problems, Exclude);
        foreach (string p in problems) problem(p);
        var changed = changes.Select(c => c.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var c in changes) Report(c.Path, c);
        foreach (string path in _reported.Keys.Where(p => !changed.Contains(p)).ToList()) Report(path, null);
    }

    private void Report(string path, FileChange? change)
    {
        if (change is null)
        {
            _reported.Remove(path); // back to the baseline state: a later change is new again
            return;
        }

        string state = $"{change.Kind}:{change.After?.Sha256}:{change.After?.Mode}";
        if (_reported.TryGetValue(path, out string? last) && last == state) return;
        _reported[path] = state;
        report(change);
    }
}
