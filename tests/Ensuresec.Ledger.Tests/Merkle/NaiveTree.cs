using Ensuresec.Ledger.Merkle;

namespace Ensuresec.Ledger.Tests.Merkle;

/// <summary>The RFC 9162 definitions written as directly as possible, over a list of leaf hashes: the reference the fast code is checked against.</summary>
internal static class NaiveTree
{
    public static byte[] Mth(IReadOnlyList<byte[]> leaves, int start, int end)
    {
        int n = end - start;
        if (n == 0) return TreeHasher.EmptyRoot();
        if (n == 1) return leaves[start];
        int k = 1;
        while (k * 2 < n) k *= 2;
        return TreeHasher.HashChildren(Mth(leaves, start, start + k), Mth(leaves, start + k, end));
    }

    public static List<byte[]> Path(IReadOnlyList<byte[]> leaves, int m, int start, int end)
    {
        int n = end - start;
        if (n == 1) return [];
        int k = 1;
        while (k * 2 < n) k *= 2;
        if (m < k)
        {
            var p = Path(leaves, m, start, start + k);
            p.Add(Mth(leaves, start + k, end));
            return p;
        }

        var q = Path(leaves, m - k, start + k, end);
        q.Add(Mth(leaves, start, start + k));
        return q;
    }

    public static List<byte[]> Proof(IReadOnlyList<byte[]> leaves, int m, int n) =>
        m == 0 || m == n ? [] : SubProof(leaves, m, 0, n, true);

    private static List<byte[]> SubProof(IReadOnlyList<byte[]> leaves, int m, int start, int end, bool whole)
    {
        int n = end - start;
        if (m == n) return whole ? [] : [Mth(leaves, start, end)];
        int k = 1;
        while (k * 2 < n) k *= 2;
        if (m <= k)
        {
            var p = SubProof(leaves, m, start, start + k, whole);
            p.Add(Mth(leaves, start + k, end));
            return p;
        }

        var q = SubProof(leaves, m - k, start + k, end, false);
        q.Add(Mth(leaves, start, start + k));
        return q;
    }

    public static List<byte[]> LeafHashes(int count) =>
        Enumerable.Range(0, count).Select(i => TreeHasher.HashLeaf(BitConverter.GetBytes(i))).ToList();

    public static MemoryNodes Nodes(IEnumerable<byte[]> leafHashes)
    {
        var nodes = new MemoryNodes();
        foreach (var h in leafHashes) nodes.AppendLeafHash(h);
        return nodes;
    }
}
