using System.Numerics;
using System.Security.Cryptography;

namespace Ensuresec.Ledger.Merkle;

/// <summary>
/// Verifies RFC 9162 inclusion (§2.1.3.2) and consistency (§2.1.4.2) proofs. Every input is checked (index within the
/// tree, hash lengths, exact proof length) before any hashing; failures come back as a <see cref="ProofError"/>.
/// </summary>
internal static class ProofVerifier
{
    /// <summary>Null when <paramref name="leafHash"/> at <paramref name="index"/> is in the tree of <paramref name="size"/> with <paramref name="root"/>.</summary>
    public static ProofError? VerifyInclusion(ulong index, ulong size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (index >= size) return new(ProofErrorKind.IndexOutOfRange, $"leaf index {index} is not below the tree size {size}");
        if (CheckLengths(leafHash, root, proof) is { } bad) return bad;
        var (inner, border) = Decompose(index, size);
        if (proof.Count != inner + border)
        {
            return new(ProofErrorKind.WrongProofLength, $"an inclusion proof of leaf {index} in a tree of {size} has {inner + border} hashes, not {proof.Count}");
        }

        Span<byte> hash = stackalloc byte[TreeHasher.HashSize];
        leafHash.CopyTo(hash);
        ChainInner(hash, proof, 0, inner, index);
        ChainBorderRight(hash, proof, inner, border);
        return Match(hash, root, "the inclusion proof leads to another root");
    }

    /// <summary>Null when the tree of <paramref name="size2"/> with <paramref name="root2"/> extends the one of <paramref name="size1"/>.</summary>
    public static ProofError? VerifyConsistency(ulong size1, ulong size2, ReadOnlySpan<byte> root1, ReadOnlySpan<byte> root2, IReadOnlyList<byte[]> proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (size2 < size1) return new(ProofErrorKind.IndexOutOfRange, $"the new size {size2} is smaller than the old size {size1}");
        foreach (var p in proof)
        {
            if (p is null || p.Length != TreeHasher.HashSize) return new(ProofErrorKind.BadHashLength, "a proof hash is not 32 bytes");
        }

        // Like the reference implementation, a proof from the empty tree is refused, even 0 -> 0: it proves nothing.
        if (size1 == 0) return new(ProofErrorKind.EmptyTree, "a consistency proof from the empty tree proves nothing");
        if (size1 == size2)
        {
            if (proof.Count != 0) return new(ProofErrorKind.WrongProofLength, "equal sizes need an empty proof");
            // Like the reference implementation, equal sizes compare the roots as given, whatever their length.
            return root1.SequenceEqual(root2) ? null : new(ProofErrorKind.RootMismatch, "equal sizes but different roots");
        }

        if (root1.Length != TreeHasher.HashSize || root2.Length != TreeHasher.HashSize) return new(ProofErrorKind.BadHashLength, "a root hash is not 32 bytes");

        var (inner, border) = Decompose(size1 - 1, size2);
        int shift = BitOperations.TrailingZeroCount(size1);
        inner -= shift;
        bool oldIsPerfect = size1 == 1UL << shift;
        int start = oldIsPerfect ? 0 : 1;
        if (proof.Count != start + inner + border)
        {
            return new(ProofErrorKind.WrongProofLength, $"a consistency proof from {size1} to {size2} has {start + inner + border} hashes, not {proof.Count}");
        }

        ReadOnlySpan<byte> seed = oldIsPerfect ? root1 : proof[0];
        ulong mask = (size1 - 1) >> shift;
        Span<byte> hash1 = stackalloc byte[TreeHasher.HashSize];
        seed.CopyTo(hash1);
        ChainInnerRight(hash1, proof, start, inner, mask);
        ChainBorderRight(hash1, proof, start + inner, border);
        if (Match(hash1, root1, "the consistency proof does not lead to the old root") is { } e1) return e1;

        Span<byte> hash2 = stackalloc byte[TreeHasher.HashSize];
        seed.CopyTo(hash2);
        ChainInner(hash2, proof, start, inner, mask);
        ChainBorderRight(hash2, proof, start + inner, border);
        return Match(hash2, root2, "the consistency proof does not lead to the new root");
    }

    /// <summary>How many proof hashes sit below the point where the leaf's path leaves the last perfect subtree, and how many above.</summary>
    internal static (int Inner, int Border) Decompose(ulong index, ulong size)
    {
        int inner = 64 - BitOperations.LeadingZeroCount(index ^ (size - 1));
        int border = BitOperations.PopCount(index >> inner);
        return (inner, border);
    }

    private static ProofError? CheckLengths(ReadOnlySpan<byte> leafHash, ReadOnlySpan<byte> root, IReadOnlyList<byte[]> proof)
    {
        if (leafHash.Length != TreeHasher.HashSize) return new(ProofErrorKind.BadHashLength, $"the leaf hash has {leafHash.Length} bytes, not 32");
        if (root.Length != TreeHasher.HashSize) return new(ProofErrorKind.BadHashLength, $"the root hash has {root.Length} bytes, not 32");
        for (int i = 0; i < proof.Count; i++)
        {
            if (proof[i] is null || proof[i].Length != TreeHasher.HashSize) return new(ProofErrorKind.BadHashLength, $"proof hash {i} is not 32 bytes");
        }

        return null;
    }

    private static void ChainInner(Span<byte> hash, IReadOnlyList<byte[]> proof, int from, int count, ulong index)
    {
        for (int i = 0; i < count; i++)
        {
            if (((index >> i) & 1) == 0) TreeHasher.HashChildren(hash, proof[from + i], hash);
            else TreeHasher.HashChildren(proof[from + i], hash, hash);
        }
    }

    private static void ChainInnerRight(Span<byte> hash, IReadOnlyList<byte[]> proof, int from, int count, ulong index)
    {
        for (int i = 0; i < count; i++)
        {
            if (((index >> i) & 1) == 1) TreeHasher.HashChildren(proof[from + i], hash, hash);
        }
    }

    private static void ChainBorderRight(Span<byte> hash, IReadOnlyList<byte[]> proof, int from, int count)
    {
        for (int i = 0; i < count; i++) TreeHasher.HashChildren(proof[from + i], hash, hash);
    }

    private static ProofError? Match(ReadOnlySpan<byte> computed, ReadOnlySpan<byte> expected, string message) =>
        CryptographicOperations.FixedTimeEquals(computed, expected) ? null : new(ProofErrorKind.RootMismatch, message);
}
