using System.Globalization;
using Ensuresec.Ledger.Merkle;

namespace Ensuresec.Ledger.Tiles;

/// <summary>
/// Recomputes a tiled log from its entries: every entry bundle up to the size is parsed and hashed, every tile is
/// compared with the hashes recomputed from the level below, and the root with the expected one. Any altered,
/// missing, added or reordered byte shows up as a problem naming the first entry index it breaks. With a
/// <see cref="ITileStore"/>, older partial tiles still on disk are checked as prefixes too.
/// </summary>
internal static class LogVerifier
{
    public static VerifyReport Verify(ITileSource source, ulong size, ReadOnlySpan<byte> expectedRoot, int maxProblems = 20)
    {
        ArgumentNullException.ThrowIfNull(source);
        var report = new VerifyReport(size, maxProblems);
        try
        {
            var nextLevel = VerifyLevelZero(source, size, report);
            for (int level = 1; (size >> (8 * level)) > 0 && !report.Full; level++)
            {
                nextLevel = VerifyLevel(source, level, size, nextLevel, report);
            }

            if (report.Problems.Count == 0)
            {
                var root = new TileTree(source, size).Root();
                if (!root.AsSpan().SequenceEqual(expectedRoot)) report.Add(0, $"the tiles give root {Convert.ToBase64String(root)}, the checkpoint says {Convert.ToBase64String(expectedRoot.ToArray())}");
            }
        }
        catch (LedgerDataException ex)
        {
            report.Add(0, ex.Message);
        }

        return report;
    }

    /// <summary>
    /// Hashes every entry, checks the level-0 tiles, and returns the roots of the full level-0 tiles (the level-1
    /// hashes, 32 bytes each). Tiles are independent, so they are checked in parallel on every core; the problems are
    /// then reported in entry order, as a sequential pass would.
    /// </summary>
    private static byte[] VerifyLevelZero(ITileSource source, ulong size, VerifyReport report)
    {
        ulong tiles = (size + TilePaths.Width - 1) / TilePaths.Width;
        var roots = new byte[checked((int)(size / TilePaths.Width) * TreeHasher.HashSize)];
        var found = new List<VerifyProblem>?[checked((int)tiles)];
        int problems = 0;
        int limit = report.Remaining;
        Parallel.For(0L, (long)tiles, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, () => new byte[TilePaths.Width * TreeHasher.HashSize], (tl, loop, hashes) =>
        {
            ulong t = (ulong)tl;
            var tileReport = new VerifyReport(size, int.MaxValue);
            VerifyBundle(source, t, size, hashes, roots, tileReport);
            if (tileReport.Problems.Count > 0)
            {
                found[tl] = [.. tileReport.Problems];

                // Break, not Stop: every tile before this one is still checked, so the first problems are all found.
                if (Interlocked.Add(ref problems, tileReport.Problems.Count) >= limit) loop.Break();
            }

            return hashes;
        }, _ => { });

        foreach (var list in found)
        {
            if (list is null) continue;
            foreach (var p in list) report.Add(p.EntryIndex, p.Message);
        }

        return roots;
    }

    private static void VerifyBundle(ITileSource source, ulong t, ulong size, byte[] hashes, byte[] roots, VerifyReport report)
    {
        int width = (int)Math.Min(TilePaths.Width, size - (t * TilePaths.Width));
        ulong first = t * TilePaths.Width;
        var bundle = TileReads.ReadBundle(source, t, width);
        if (bundle is null)
        {
            report.Add(first, $"{TilePaths.Bundle(t, width)} is missing (entries {first}..{first + (ulong)width - 1})");
            return;
        }

        // The entries are hashed where they lie in the bundle: no copy of each entry.
        int count = 0;
        int at = 0;
        while (at < bundle.Length)
        {
            ulong index = first + (ulong)count;
            string? error = count == TilePaths.Width ? $"bytes after the 256th entry (from entry {index})"
                : bundle.Length - at < 2 ? $"entry {index}: truncated length prefix"
                : null;
            int length = error is null ? System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(bundle.AsSpan(at)) : 0;
            if (error is null && bundle.Length - at - 2 < length) error = $"entry {index}: {length} bytes announced, {bundle.Length - at - 2} present";
            if (error is not null)
            {
                report.Add(FirstIndexIn(error, first), $"{TilePaths.Bundle(t, width)}: {error}");
                return;
            }

            if (count < width) TreeHasher.HashLeaf(bundle.AsSpan(at + 2, length), hashes.AsSpan(count * 32, 32));
            count++;
            at += 2 + length;
        }

        if (count != width)
        {
            report.Add(first + (ulong)Math.Min(count, width), $"{TilePaths.Bundle(t, width)} holds {count} entries, not {width}");
            return;
        }

        CompareTile(source, 0, t, width, hashes.AsSpan(0, width * 32), report);
        if (source is ITileStore store) CompareBundlePartials(store, t, bundle, report);
        if (width == TilePaths.Width) TileHashing.Root(hashes, roots.AsSpan(checked((int)t * 32), 32));
    }

    private static byte[] VerifyLevel(ITileSource source, int level, ulong size, byte[] computed, VerifyReport report)
    {
        ulong count = size >> (8 * level);
        var roots = new byte[checked((int)(count / TilePaths.Width) * TreeHasher.HashSize)];
        for (ulong t = 0; t * TilePaths.Width < count && !report.Full; t++)
        {
            int width = (int)Math.Min(TilePaths.Width, count - (t * TilePaths.Width));
            var hashes = new byte[width * TreeHasher.HashSize];
            int from = checked((int)(t * TilePaths.Width) * 32);
            int available = Math.Max(0, Math.Min(hashes.Length, computed.Length - from));
            if (available > 0) computed.AsSpan(from, available).CopyTo(hashes);
            CompareTile(source, level, t, width, hashes, report);
            if (width == TilePaths.Width) TileHashing.Root(hashes, roots.AsSpan(checked((int)t * 32), 32));
        }

        return roots;
    }

    private static void CompareTile(ITileSource source, int level, ulong index, int width, ReadOnlySpan<byte> computed, VerifyReport report)
    {
        ulong span = 1UL << (8 * level);
        ulong first = index * TilePaths.Width * span;
        string path = TilePaths.Tile(level, index, width);
        var stored = TileReads.ReadTile(source, level, index, width);
        if (stored is null)
        {
            report.Add(first, $"{path} is missing");
            return;
        }

        if (stored.Length != computed.Length)
        {
            report.Add(first, $"{path} has {stored.Length} bytes, not {computed.Length}");
            return;
        }

        for (int i = 0; i < width; i++)
        {
            if (!stored.AsSpan(i * 32, 32).SequenceEqual(computed.Slice(i * 32, 32)))
            {
                ulong at = first + ((ulong)i * span);
                string what = level == 0 ? $"entry {at} does not hash to its tile hash" : $"the hash of entries {at}..{at + span - 1} differs from the tiles below";
                report.Add(at, $"{path}: {what}");
                return;
            }
        }

        if (source is ITileStore store) ComparePartials(store, level, index, width, computed, report);
    }

    /// <summary>Older partial versions of a tile (kept for older checkpoints) must be prefixes of the tile.</summary>
    private static void ComparePartials(ITileStore store, int level, ulong index, int width, ReadOnlySpan<byte> computed, VerifyReport report)
    {
        string folder = TilePaths.PartialFolder(level, index);
        foreach (string name in store.List(folder))
        {
            if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out int w) || w < 1 || w > width || w == TilePaths.Width) continue;
            var bytes = store.Read(folder + "/" + name);
            if (bytes is null || !bytes.AsSpan().SequenceEqual(computed[..(w * 32)]))
            {
                ulong span = 1UL << (8 * level);
                report.Add(index * TilePaths.Width * span, $"{folder}/{name} is not a prefix of the tile");
            }
        }
    }

    private static void CompareBundlePartials(ITileStore store, ulong index, byte[] bundle, VerifyReport report)
    {
        string folder = TilePaths.BundlePartialFolder(index);
        var names = store.List(folder);
        if (names.Count == 0) return;
        var entries = EntryBundle.Parse(bundle, index * TilePaths.Width).Value!;
        foreach (string name in names)
        {
            if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out int w) || w < 1 || w > entries.Count || w == TilePaths.Width) continue;
            var bytes = store.Read(folder + "/" + name);
            if (bytes is null || !bytes.AsSpan().SequenceEqual(EntryBundle.Encode(entries.Take(w))))
            {
                ulong first = index * TilePaths.Width;
                var old = bytes is null ? null : EntryBundle.Parse(bytes, first).Value;
                int differs = 0;
                while (old is not null && differs < Math.Min(w, old.Count) && old[differs].AsSpan().SequenceEqual(entries[differs])) differs++;
                report.Add(first + (ulong)differs, $"{folder}/{name}: entry {first + (ulong)differs} differs from the bundle");
            }
        }
    }

    private static ulong FirstIndexIn(string? error, ulong fallback)
    {
        // EntryBundle errors start with "entry N:"; report that index.
        if (error is not null && error.StartsWith("entry ", StringComparison.Ordinal))
        {
            int colon = error.IndexOf(':', StringComparison.Ordinal);
            if (colon > 6 && ulong.TryParse(error.AsSpan(6, colon - 6), NumberStyles.None, CultureInfo.InvariantCulture, out ulong n)) return n;
        }

        return fallback;
    }
}

/// <summary>What a verification found: each problem with the first entry index it affects.</summary>
internal sealed class VerifyReport(ulong size, int maxProblems)
{
    private readonly List<VerifyProblem> _problems = [];

    public ulong Size { get; } = size;

    public IReadOnlyList<VerifyProblem> Problems => _problems;

    public bool Ok => _problems.Count == 0;

    public bool Full => _problems.Count >= maxProblems;

    /// <summary>How many more problems are recorded before the report is full.</summary>
    public int Remaining => Math.Max(0, maxProblems - _problems.Count);

    public void Add(ulong entryIndex, string message)
    {
        if (!Full) _problems.Add(new VerifyProblem(entryIndex, message));
    }
}

internal sealed record VerifyProblem(ulong EntryIndex, string Message);
