using System.Security.Cryptography;

namespace Ensuresec.Ledger.Merkle;

/// <summary>
/// Evaluates and verifies the subtree inclusion (§4.3.2, §4.3.3) and subtree consistency (§4.4.3) proofs of the Merkle
/// Tree Certificates draft (draft-ietf-plants-merkle-tree-certs). As in <see cref="ProofVerifier"/>, every input is
/// checked first (a valid subtree, the index or tree size in range, every hash that gets hashed 32 bytes, the exact
/// proof length) and any failure comes back as a <see cref="ProofError"/>; nothing here throws on untrusted input.
/// </summary>
internal static class SubtreeProofVerifier
{
    private static readonly byte[] EmptyHash = TreeHasher.EmptyRoot();

    /// <summary>Null when <paramref name="entryHash"/> at <paramref name="index"/> is in the subtree <c>[start, end)</c> whose hash is <paramref name="subtreeHash"/>.</summary>
    public static ProofError? VerifyInclusion(ulong index, ulong start, ulong end, ReadOnlySpan<byte> entryHash, IReadOnlyList<byte[]>? proof, ReadOnlySpan<byte> subtreeHash)
    {
        if (subtreeHash.Length != TreeHasher.HashSize) return new(ProofErrorKind.BadHashLength, $"the subtree hash has {subtreeHash.Length} bytes, not 32");
        Span<byte> expected = stackalloc byte[TreeHasher.HashSize];
        if (EvaluateInclusion(index, start, end, entryHash, proof, expected) is { } error) return error;
        return CryptographicOperations.FixedTimeEquals(expected, subtreeHash)
            ? null
            : new(ProofErrorKind.RootMismatch, $"the inclusion proof of entry {index} leads to another hash of the subtree [{start}, {end})");
    }

    /// <summary>
    /// Computes into <paramref name="subtreeHash"/> (32 bytes) the hash of the subtree <c>[start, end)</c> that the inclusion
    /// proof of <paramref name="entryHash"/> at <paramref name="index"/> implies; null when the proof could be evaluated.
    /// A certificate's cosignatures are then checked over that hash.
    /// </summary>
    public static ProofError? EvaluateInclusion(ulong index, ulong start, ulong end, ReadOnlySpan<byte> entryHash, IReadOnlyList<byte[]>? proof, Span<byte> subtreeHash)
    {
        if (subtreeHash.Length != TreeHasher.HashSize) throw new ArgumentException("the destination must hold 32 bytes", nameof(subtreeHash));
        if (proof is null) return Missing();
        if (!Subtree.IsValid(start, end)) return NotASubtree(start, end);
        if (index < start || index >= end) return new(ProofErrorKind.IndexOutOfRange, $"entry {index} is not in the subtree [{start}, {end})");
        if (entryHash.Length != TreeHasher.HashSize) return new(ProofErrorKind.BadHashLength, $"the entry hash has {entryHash.Length} bytes, not 32");
        if (CheckProofHashes(proof) is { } bad) return bad;

        // Inside the subtree this is RFC 9162's inclusion proof of entry index - start in a tree of end - start entries.
        ulong fn = index - start, sn = end - start - 1;
        var (inner, border) = ProofVerifier.Decompose(fn, end - start);
        if (proof.Count != inner + border)
        {
            return new(ProofErrorKind.WrongProofLength, $"an inclusion proof of entry {index} in the subtree [{start}, {end}) has {inner + border} hashes, not {proof.Count}");
        }

        Span<byte> r = stackalloc byte[TreeHasher.HashSize];
        entryHash.CopyTo(r);
        foreach (var p in proof)
        {
            // The length check above makes this unreachable; it is the draft's own guard against a proof that runs past the root.
            if (sn == 0) return new(ProofErrorKind.WrongProofLength, "the inclusion proof continues above the subtree's root");
            if ((fn & 1) == 1 || fn == sn)
            {
                TreeHasher.HashChildren(p, r, r);
                while ((fn & 1) == 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                TreeHasher.HashChildren(r, p, r);
            }

            fn >>= 1;
            sn >>= 1;
        }

        if (sn != 0) return new(ProofErrorKind.WrongProofLength, "the inclusion proof stops below the subtree's root");
        r.CopyTo(subtreeHash);
        return null;
    }

    /// <summary>
    /// Null when the subtree <c>[start, end)</c> with <paramref name="subtreeHash"/> is part of the tree of
    /// <paramref name="size"/> entries with <paramref name="rootHash"/>. Like the draft and the reference probes, the empty
    /// subtree needs only the empty hash and an empty proof (the root is not looked at), and a subtree that is the whole
    /// tree compares the two hashes as given.
    /// </summary>
    public static ProofError? VerifyConsistency(ulong start, ulong end, ulong size, ReadOnlySpan<byte> subtreeHash, ReadOnlySpan<byte> rootHash, IReadOnlyList<byte[]>? proof)
    {
        if (proof is null) return Missing();
        if (!Subtree.IsValid(start, end)) return NotASubtree(start, end);
        if (end > size) return new(ProofErrorKind.IndexOutOfRange, $"the subtree [{start}, {end}) ends beyond the tree size {size}");
        if (CheckProofHashes(proof) is { } bad) return bad;

        if (start == end)
        {
            if (proof.Count != 0) return new(ProofErrorKind.WrongProofLength, "the empty subtree needs an empty proof");
            return CryptographicOperations.FixedTimeEquals(subtreeHash, EmptyHash)
                ? null
                : new(ProofErrorKind.RootMismatch, "the hash of the empty subtree must be SHA-256 of nothing");
        }

        // fn, sn and tn follow the paths of the subtree's first and last entry and of the tree's last entry (§4.4.3).
        ulong fn = start, sn = end - 1, tn = size - 1;

        // Climb to the first node of the proof: the subtree's root if it is a node of the tree, otherwise the highest full
        // subtree on its right edge.
        if (sn == tn)
        {
            while (fn != sn) Shift(ref fn, ref sn, ref tn);
        }
        else
        {
            while (fn != sn && (sn & 1) == 1) Shift(ref fn, ref sn, ref tn);
        }

        int seed = fn == sn ? 0 : 1;

        // From there on, sr is an RFC 9162 inclusion path of sn in a tree whose last entry is tn.
        var (inner, border) = ProofVerifier.Decompose(sn, tn + 1);
        if (proof.Count != seed + inner + border)
        {
            return new(ProofErrorKind.WrongProofLength, $"a consistency proof of the subtree [{start}, {end}) in a tree of {size} has {seed + inner + border} hashes, not {proof.Count}");
        }

        if (proof.Count == 0)
        {
            // The subtree is the whole tree: nothing is hashed, the two hashes must simply be the same.
            return CryptographicOperations.FixedTimeEquals(subtreeHash, rootHash)
                ? null
                : new(ProofErrorKind.RootMismatch, "the subtree is the whole tree but the two hashes differ");
        }

        if (subtreeHash.Length != TreeHasher.HashSize) return new(ProofErrorKind.BadHashLength, $"the subtree hash has {subtreeHash.Length} bytes, not 32");
        if (rootHash.Length != TreeHasher.HashSize) return new(ProofErrorKind.BadHashLength, $"the root hash has {rootHash.Length} bytes, not 32");

        Span<byte> fr = stackalloc byte[TreeHasher.HashSize];
        Span<byte> sr = stackalloc byte[TreeHasher.HashSize];
        ReadOnlySpan<byte> first = seed == 0 ? subtreeHash : proof[0];
        first.CopyTo(fr);
        first.CopyTo(sr);
        for (int i = seed; i < proof.Count; i++)
        {
            var c = proof[i];

            // Unreachable after the length check; the draft's own guard against a proof that runs past the root.
            if (tn == 0) return new(ProofErrorKind.WrongProofLength, "the consistency proof continues above the tree's root");
            if ((sn & 1) == 1 || sn == tn)
            {
                // A left sibling: inside the subtree only while its two edges have not met yet.
                if (fn < sn) TreeHasher.HashChildren(c, fr, fr);
                TreeHasher.HashChildren(c, sr, sr);
                while ((sn & 1) == 0) Shift(ref fn, ref sn, ref tn);
            }
            else
            {
                // A right sibling: entries after the subtree, so only in the tree's root.
                TreeHasher.HashChildren(sr, c, sr);
            }

            Shift(ref fn, ref sn, ref tn);
        }

        if (tn != 0) return new(ProofErrorKind.WrongProofLength, "the consistency proof stops below the tree's root");
        if (!CryptographicOperations.FixedTimeEquals(fr, subtreeHash)) return new(ProofErrorKind.RootMismatch, "the consistency proof does not lead to the subtree hash");
        return CryptographicOperations.FixedTimeEquals(sr, rootHash) ? null : new(ProofErrorKind.RootMismatch, "the consistency proof does not lead to the root hash");
    }

    private static void Shift(ref ulong fn, ref ulong sn, ref ulong tn)
    {
        fn >>= 1;
        sn >>= 1;
        tn >>= 1;
    }

    private static ProofError? CheckProofHashes(IReadOnlyList<byte[]> proof)
    {
        for (int i = 0; i < proof.Count; i++)
        {
            if (proof[i] is null || proof[i].Length != TreeHasher.HashSize) return new(ProofErrorKind.BadHashLength, $"proof hash {i} is not 32 bytes");
        }

        return null;
    }

    private static ProofError Missing() => new(ProofErrorKind.WrongProofLength, "the proof is missing");

    private static ProofError NotASubtree(ulong start, ulong end) =>
        new(ProofErrorKind.InvalidSubtree, $"[{start}, {end}) is not a subtree: the start must not exceed the end and must be a multiple of the size rounded up to a power of two");
}
