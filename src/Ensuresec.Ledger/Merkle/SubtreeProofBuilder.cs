namespace Ensuresec.Ledger.Merkle;

/// <summary>
/// Builds the subtree hashes and proofs of the Merkle Tree Certificates draft (draft-ietf-plants-merkle-tree-certs §4)
/// from the perfect-subtree hashes of a node source, as <see cref="ProofBuilder"/> does for RFC 9162. The caller's tree
/// (the node source) must hold at least <c>end</c> (or <c>size</c>) entries; bad arguments are programmer errors and
/// throw, unlike the verifier, which takes untrusted input.
/// </summary>
internal static class SubtreeProofBuilder
{
    /// <summary>MTH(D[start:end]) of a valid subtree; the empty subtree hashes to SHA-256 of nothing.</summary>
    public static byte[] Hash(INodeSource nodes, ulong start, ulong end)
    {
        RequireSubtree(start, end);
        return start == end ? TreeHasher.EmptyRoot() : ProofBuilder.RangeHash(nodes, start, end);
    }

    /// <summary>The inclusion proof of entry <paramref name="index"/> in the subtree <c>[start, end)</c> (§4.3): RFC 9162's PATH over D[start:end].</summary>
    public static List<byte[]> Inclusion(INodeSource nodes, ulong index, ulong start, ulong end)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        RequireSubtree(start, end);
        if (index < start || index >= end) throw new ArgumentOutOfRangeException(nameof(index), index, $"must lie in [{start}, {end})");

        // PATH(m, D) is the subtree proof of the one-entry subtree [m, m + 1) (§4.4.1), taken here over the tree D[start:end].
        var proof = new List<byte[]>();
        SubProof(nodes, index, index + 1, start, end, true, proof);
        return proof;
    }

    /// <summary>SUBTREE_PROOF(start, end, D_size) (§4.4.1): shows that the subtree <c>[start, end)</c> is part of the tree of <paramref name="size"/> entries.</summary>
    public static List<byte[]> Consistency(INodeSource nodes, ulong start, ulong end, ulong size)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        RequireSubtree(start, end);
        if (end > size) throw new ArgumentOutOfRangeException(nameof(end), end, $"must not exceed the tree size {size}");
        var proof = new List<byte[]>();
        if (start < end) SubProof(nodes, start, end, 0, size, true, proof);
        return proof;
    }

    /// <summary>
    /// SUBTREE_SUBPROOF in absolute positions: the subtree <c>[start, end)</c> inside the tree D[lo:hi] (itself aligned).
    /// <paramref name="whole"/> says whether the subtree is still a node of the tree, so its hash is known to the verifier.
    /// </summary>
    private static void SubProof(INodeSource nodes, ulong start, ulong end, ulong lo, ulong hi, bool whole, List<byte[]> proof)
    {
        if (start == lo && end == hi)
        {
            if (!whole) proof.Add(ProofBuilder.RangeHash(nodes, lo, hi));
            return;
        }

        ulong mid = lo + ProofBuilder.SplitPoint(hi - lo);
        if (end <= mid)
        {
            SubProof(nodes, start, end, lo, mid, whole, proof);
            proof.Add(ProofBuilder.RangeHash(nodes, mid, hi));
        }
        else if (mid <= start)
        {
            SubProof(nodes, start, end, mid, hi, whole, proof);
            proof.Add(ProofBuilder.RangeHash(nodes, lo, mid));
        }
        else
        {
            // start < mid < end, so start == lo: the subtree's right edge is not a node of this tree.
            SubProof(nodes, mid, end, mid, hi, false, proof);
            proof.Add(ProofBuilder.RangeHash(nodes, lo, mid));
        }
    }

    private static void RequireSubtree(ulong start, ulong end)
    {
        if (!Subtree.IsValid(start, end)) throw new ArgumentOutOfRangeException(nameof(start), $"[{start}, {end}) is not a subtree");
    }
}
