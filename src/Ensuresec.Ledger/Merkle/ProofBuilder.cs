using System.Numerics;

namespace Ensuresec.Ledger.Merkle;

/// <summary>
/// Builds RFC 9162 tree hashes and proofs (§2.1.1, §2.1.3.1, §2.1.4.1) from the perfect-subtree hashes of a node
/// source. Callers check indices and sizes first (see <see cref="ProofVerifier"/> for what is valid).
/// </summary>
internal static class ProofBuilder
{
    /// <summary>MTH(D[0:size]); the empty tree hashes to SHA-256 of nothing.</summary>
    public static byte[] Root(INodeSource nodes, ulong size) => size == 0 ? TreeHasher.EmptyRoot() : RangeHash(nodes, 0, size);

    /// <summary>MTH(D[start:end]) for a range the RFC recursion produces: start is a multiple of the next power of two ≥ end - start.</summary>
    public static byte[] RangeHash(INodeSource nodes, ulong start, ulong end)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ulong count = end - start;
        if (BitOperations.IsPow2(count) && start % count == 0)
        {
            int height = BitOperations.TrailingZeroCount(count);
            return nodes.Node(height, start >> height);
        }

        // Fold the perfect subtrees of the range from the right: the rightmost smallest one first.
        byte[]? acc = null;
        ulong remaining = count;
        var parts = new List<(ulong Start, int Height)>();
        ulong at = start;
        while (remaining > 0)
        {
            int height = 63 - BitOperations.LeadingZeroCount(remaining);
            parts.Add((at, height));
            at += 1UL << height;
            remaining -= 1UL << height;
        }

        for (int i = parts.Count - 1; i >= 0; i--)
        {
            var node = nodes.Node(parts[i].Height, parts[i].Start >> parts[i].Height);
            acc = acc is null ? node : TreeHasher.HashChildren(node, acc);
        }

        return acc!;
    }

    /// <summary>The audit path of leaf <paramref name="index"/> in the tree of <paramref name="size"/> (index &lt; size).</summary>
    public static List<byte[]> Inclusion(INodeSource nodes, ulong index, ulong size)
    {
        if (index >= size) throw new ArgumentOutOfRangeException(nameof(index), index, "must be below the tree size");
        var proof = new List<byte[]>();
        Path(nodes, index, 0, size, proof);
        return proof;
    }

    /// <summary>The consistency proof from the tree of <paramref name="size1"/> to that of <paramref name="size2"/> (size1 ≤ size2).</summary>
    public static List<byte[]> Consistency(INodeSource nodes, ulong size1, ulong size2)
    {
        if (size1 > size2) throw new ArgumentOutOfRangeException(nameof(size1), size1, "must not exceed the new size");
        var proof = new List<byte[]>();
        if (size1 == 0 || size1 == size2) return proof;
        SubProof(nodes, size1, 0, size2, true, proof);
        return proof;
    }

    /// <summary>The largest power of two strictly below n (n ≥ 2).</summary>
    internal static ulong SplitPoint(ulong n) => 1UL << (63 - BitOperations.LeadingZeroCount(n - 1));

    private static void Path(INodeSource nodes, ulong index, ulong start, ulong end, List<byte[]> proof)
    {
        ulong n = end - start;
        if (n == 1) return;
        ulong k = SplitPoint(n);
        if (index < start + k)
        {
            Path(nodes, index, start, start + k, proof);
            proof.Add(RangeHash(nodes, start + k, end));
        }
        else
        {
            Path(nodes, index, start + k, end, proof);
            proof.Add(RangeHash(nodes, start, start + k));
        }
    }

    private static void SubProof(INodeSource nodes, ulong m, ulong start, ulong end, bool whole, List<byte[]> proof)
    {
        ulong n = end - start;
        if (m == n)
        {
            if (!whole) proof.Add(RangeHash(nodes, start, end));
            return;
        }

        ulong k = SplitPoint(n);
        if (m <= k)
        {
            SubProof(nodes, m, start, start + k, whole, proof);
            proof.Add(RangeHash(nodes, start + k, end));
        }
        else
        {
            SubProof(nodes, m - k, start + k, end, false, proof);
            proof.Add(RangeHash(nodes, start, start + k));
        }
    }
}
