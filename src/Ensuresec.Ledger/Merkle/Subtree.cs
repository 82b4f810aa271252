using System.Numerics;

namespace Ensuresec.Ledger.Merkle;

/// <summary>
/// A subtree <c>[Start, End)</c> of the Merkle Tree Certificates draft (draft-ietf-plants-merkle-tree-certs §4.1):
/// the Merkle tree over entries Start..End-1 alone, where Start is a multiple of BIT_CEIL(End - Start). That alignment
/// is what lets a subtree be proven consistent with every tree that contains it.
/// </summary>
internal readonly record struct Subtree(ulong Start, ulong End)
{
    /// <summary>Whether <c>[start, end)</c> is a subtree: start ≤ end and start a multiple of BIT_CEIL(end - start).</summary>
    public static bool IsValid(ulong start, ulong end)
    {
        if (start > end) return false;
        ulong size = end - start;
        if (size <= 1) return true;

        // Above 2^63, BIT_CEIL(size) is 2^64, which a ulong cannot hold (the overflow the draft warns about); only 0 is a
        // multiple of it.
        if (size > 1UL << 63) return start == 0;
        return start % BitOperations.RoundUpToPowerOf2(size) == 0;
    }

    /// <summary>
    /// The two adjacent subtrees that cover <c>[start, end)</c> with few extra entries (§4.5.1): the right one ends at
    /// <paramref name="end"/>, the left one may start a little before <paramref name="start"/> (by less than half of its
    /// size when the interval is not empty).
    /// </summary>
    public static (Subtree Left, Subtree Right) Cover(ulong start, ulong end)
    {
        if (start > end) throw new ArgumentOutOfRangeException(nameof(start), start, "must not exceed the end");
        if (end - start <= 1) return (new(start, end), new(end, end));

        ulong last = end - 1;

        // Where the paths of the first and the last entry part: the left subtree ends, and the right one starts, there.
        int split = 63 - BitOperations.LeadingZeroCount(start ^ last);
        ulong mask = (1UL << split) - 1;
        ulong mid = last & ~mask;

        // The left subtree starts at the lowest common ancestor of [start, mid): just below the highest 0 bit of start
        // under the split.
        int leftSplit = 64 - BitOperations.LeadingZeroCount(~start & mask);
        ulong leftStart = start & ~((1UL << leftSplit) - 1);
        return (new(leftStart, mid), new(mid, end));
    }
}
