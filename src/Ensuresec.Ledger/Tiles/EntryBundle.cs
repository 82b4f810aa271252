using System.Buffers.Binary;

namespace Ensuresec.Ledger.Tiles;

/// <summary>Entry bundles: entries one after the other, each prefixed with its length as a big-endian uint16.</summary>
internal static class EntryBundle
{
    public const int MaxEntryBytes = ushort.MaxValue;

    public static byte[] Encode(IEnumerable<byte[]> entries)
    {
        var list = entries as IReadOnlyList<byte[]> ?? entries.ToList();
        int size = 0;
        foreach (var e in list)
        {
            if (e.Length > MaxEntryBytes) throw new ArgumentException($"an entry has at most {MaxEntryBytes} bytes");
            size += 2 + e.Length;
        }

        // Sized first and filled once: bundles are written for every 256 entries appended.
        var bundle = new byte[size];
        int at = 0;
        foreach (var e in list)
        {
            BinaryPrimitives.WriteUInt16BigEndian(bundle.AsSpan(at), (ushort)e.Length);
            e.CopyTo(bundle, at + 2);
            at += 2 + e.Length;
        }

        return bundle;
    }

    /// <summary>Splits a bundle into entries; the error names the entry (by its index in the log) where the bytes stop making sense.</summary>
    public static Parsed<List<byte[]>> Parse(ReadOnlySpan<byte> bundle, ulong firstIndex)
    {
        var entries = new List<byte[]>();
        int at = 0;
        while (at < bundle.Length)
        {
            ulong index = firstIndex + (ulong)entries.Count;
            if (entries.Count == TilePaths.Width) return Parsed<List<byte[]>>.Fail($"bytes after the 256th entry (from entry {index})");
            if (bundle.Length - at < 2) return Parsed<List<byte[]>>.Fail($"entry {index}: truncated length prefix");
            int length = BinaryPrimitives.ReadUInt16BigEndian(bundle[at..]);
            at += 2;
            if (bundle.Length - at < length) return Parsed<List<byte[]>>.Fail($"entry {index}: {length} bytes announced, {bundle.Length - at} present");
            entries.Add(bundle.Slice(at, length).ToArray());
            at += length;
        }

        return Parsed<List<byte[]>>.Success(entries);
    }
}
