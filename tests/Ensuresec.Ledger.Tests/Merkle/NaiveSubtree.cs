namespace Ensuresec.Ledger.Tests.Merkle;

/// <summary>
/// The subtree definitions of the Merkle Tree Certificates draft (§4.1, §4.3, §4.4.1) written as directly as possible
/// over lists of leaf hashes, with slices and relative indices: the reference the builder is checked against.
/// </summary>
internal static class NaiveSubtree
{
    public static bool IsValid(int start, int end)
    {
        if (start > end) return false;
        int ceil = 1;
        while (ceil < end - start) ceil *= 2;
        return start % ceil == 0;
    }

    public static byte[] Hash(IReadOnlyList<byte[]> leaves, int start, int end) => NaiveTree.Mth(leaves, start, end);

    /// <summary>RFC 9162 PATH(index - start, D[start:end]).</summary>
    public static List<byte[]> Inclusion(IReadOnlyList<byte[]> leaves, int index, int start, int end) =>
        NaiveTree.Path(Slice(leaves, start, end), index - start, 0, end - start);

    /// <summary>SUBTREE_PROOF(start, end, D_n).</summary>
    public static List<byte[]> Consistency(IReadOnlyList<byte[]> leaves, int start, int end, int n) =>
        start == end ? [] : SubProof(start, end, Slice(leaves, 0, n), true);

    private static List<byte[]> SubProof(int start, int end, IReadOnlyList<byte[]> d, bool b)
    {
        int n = d.Count;
        if (start == 0 && end == n) return b ? [] : [NaiveTree.Mth(d, 0, n)];
        int k = 1;
        while (k * 2 < n) k *= 2;
        List<byte[]> proof;
        if (end <= k)
        {
            proof = SubProof(start, end, Slice(d, 0, k), b);
            proof.Add(NaiveTree.Mth(d, k, n));
        }
        else if (k <= start)
        {
            proof = SubProof(start - k, end - k, Slice(d, k, n), b);
            proof.Add(NaiveTree.Mth(d, 0, k));
        }
        else
        {
            proof = SubProof(0, end - k, Slice(d, k, n), false);
            proof.Add(NaiveTree.Mth(d, 0, k));
        }

        return proof;
    }

    private static List<byte[]> Slice(IReadOnlyList<byte[]> d, int start, int end) => d.Skip(start).Take(end - start).ToList();
}
