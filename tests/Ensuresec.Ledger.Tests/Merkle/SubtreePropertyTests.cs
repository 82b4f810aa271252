using Ensuresec.Ledger.Merkle;
using FsCheck;
using FsCheck.Fluent;

namespace Ensuresec.Ledger.Tests.Merkle;

/// <summary>
/// The subtree builder and verifiers agree with the naive transcription of the draft: exhaustively for small trees,
/// sampled up to 4,096 leaves. A changed proof byte always fails; a proof checked under another geometry (index,
/// subtree or tree size, with that geometry's honest hashes) passes exactly when it is that geometry's proof too.
/// </summary>
public sealed class SubtreePropertyTests
{
    private static readonly List<byte[]> Leaves = NaiveTree.LeafHashes(4096);
    private static readonly MemoryNodes Nodes = NaiveTree.Nodes(Leaves);

    [Fact]
    public void EveryGeometryUpTo32_MatchesTheNaiveDraft_Verifies_AndEveryFlippedProofByteFails()
    {
        int checkedProofs = 0;
        for (int n = 0; n <= 32; n++)
        {
            var root = NaiveTree.Mth(Leaves, 0, n);
            foreach (var (start, end) in ValidSubtrees(n))
            {
                var subtreeHash = SubtreeProofBuilder.Hash(Nodes, (ulong)start, (ulong)end);
                subtreeHash.ShouldBe(NaiveSubtree.Hash(Leaves, start, end));

                var consistency = SubtreeProofBuilder.Consistency(Nodes, (ulong)start, (ulong)end, (ulong)n);
                consistency.ShouldBe(NaiveSubtree.Consistency(Leaves, start, end, n), $"[{start}, {end}) in {n}");
                SubtreeProofVerifier.VerifyConsistency((ulong)start, (ulong)end, (ulong)n, subtreeHash, root, consistency).ShouldBeNull();
                foreach (var altered in EveryByteFlipped(consistency))
                {
                    SubtreeProofVerifier.VerifyConsistency((ulong)start, (ulong)end, (ulong)n, subtreeHash, root, altered).ShouldNotBeNull();
                }

                // The draft's two identities with RFC 9162: from the first entry it is a consistency proof, of one entry an inclusion proof.
                if (start == 0 && end > 0) consistency.ShouldBe(ProofBuilder.Consistency(Nodes, (ulong)end, (ulong)n));
                if (end == start + 1) consistency.ShouldBe(ProofBuilder.Inclusion(Nodes, (ulong)start, (ulong)n));

                checkedProofs++;
                if (end != n) continue; // inclusion depends on the subtree only: check each subtree once
                for (int index = start; index < end; index++)
                {
                    var inclusion = SubtreeProofBuilder.Inclusion(Nodes, (ulong)index, (ulong)start, (ulong)end);
                    inclusion.ShouldBe(NaiveSubtree.Inclusion(Leaves, index, start, end));
                    SubtreeProofVerifier.VerifyInclusion((ulong)index, (ulong)start, (ulong)end, Leaves[index], inclusion, subtreeHash).ShouldBeNull();
                    foreach (var altered in EveryByteFlipped(inclusion))
                    {
                        SubtreeProofVerifier.VerifyInclusion((ulong)index, (ulong)start, (ulong)end, Leaves[index], altered, subtreeHash).ShouldNotBeNull();
                    }
                }
            }
        }

        checkedProofs.ShouldBe(2161);
    }

    [Fact]
    public void EveryPairOfConsistencyGeometriesUpTo16_AProofPassesUnderAnotherGeometryOnlyIfItIsThatGeometrysProof()
    {
        var geometries = Enumerable.Range(0, 17).SelectMany(n => ValidSubtrees(n).Select(s => (s.Start, s.End, N: n))).ToList();
        var proofs = geometries.Select(g => NaiveSubtree.Consistency(Leaves, g.Start, g.End, g.N)).ToList();
        var subtreeHashes = geometries.Select(g => NaiveSubtree.Hash(Leaves, g.Start, g.End)).ToList();
        var roots = geometries.Select(g => NaiveTree.Mth(Leaves, 0, g.N)).ToList();
        int accepted = 0;
        for (int i = 0; i < geometries.Count; i++)
        {
            for (int j = 0; j < geometries.Count; j++)
            {
                var other = geometries[j];
                var error = SubtreeProofVerifier.VerifyConsistency((ulong)other.Start, (ulong)other.End, (ulong)other.N, subtreeHashes[j], roots[j], proofs[i]);
                bool same = proofs[i].SequenceEqual(proofs[j], ByteArrayComparer.Instance);
                (error is null).ShouldBe(same, $"proof of [{geometries[i].Start}, {geometries[i].End}) in {geometries[i].N} under [{other.Start}, {other.End}) in {other.N}: {error}");
                if (error is null) accepted++;
            }
        }

        accepted.ShouldBeGreaterThan(geometries.Count); // the diagonal, plus geometries that share a proof (the empty one)
    }

    [Fact]
    public void EveryPairOfInclusionGeometriesUpTo16_AProofPassesUnderAnotherIndexOrSubtreeOnlyIfItIsThatOnesProof()
    {
        var geometries = ValidSubtrees(16).SelectMany(s => Enumerable.Range(s.Start, s.End - s.Start).Select(i => (Index: i, s.Start, s.End))).ToList();
        var proofs = geometries.Select(g => NaiveSubtree.Inclusion(Leaves, g.Index, g.Start, g.End)).ToList();
        var subtreeHashes = geometries.Select(g => NaiveSubtree.Hash(Leaves, g.Start, g.End)).ToList();
        for (int i = 0; i < geometries.Count; i++)
        {
            for (int j = 0; j < geometries.Count; j++)
            {
                var other = geometries[j];
                var error = SubtreeProofVerifier.VerifyInclusion((ulong)other.Index, (ulong)other.Start, (ulong)other.End,
                    Leaves[other.Index], proofs[i], subtreeHashes[j]);
                (error is null).ShouldBe(proofs[i].SequenceEqual(proofs[j], ByteArrayComparer.Instance), $"{geometries[i]} under {other}");
            }
        }
    }

    [Fact]
    public void SampledUpTo4096_ProofsMatchTheNaiveDraft_Verify_AndFailWithAFlippedByteOrAnotherGeometry() =>
        Prop.ForAll(Sample().ToArbitrary(), s =>
        {
            var (n, start, end, index, flip, other) = s;
            var subtreeHash = NaiveSubtree.Hash(Leaves, start, end);
            var root = NaiveTree.Mth(Leaves, 0, n);
            var consistency = SubtreeProofBuilder.Consistency(Nodes, (ulong)start, (ulong)end, (ulong)n);
            bool ok = consistency.SequenceEqual(NaiveSubtree.Consistency(Leaves, start, end, n), ByteArrayComparer.Instance)
                && SubtreeProofVerifier.VerifyConsistency((ulong)start, (ulong)end, (ulong)n, subtreeHash, root, consistency) is null;
            if (consistency.Count > 0)
            {
                ok &= SubtreeProofVerifier.VerifyConsistency((ulong)start, (ulong)end, (ulong)n, subtreeHash, root, FlipByte(consistency, flip)) is not null;
            }

            // Another tree size with its own honest root: passes only if its proof is the same.
            var otherProof = NaiveSubtree.Consistency(Leaves, start, end, other.N);
            ok &= (SubtreeProofVerifier.VerifyConsistency((ulong)start, (ulong)end, (ulong)other.N, subtreeHash, NaiveTree.Mth(Leaves, 0, other.N), consistency) is null)
                == consistency.SequenceEqual(otherProof, ByteArrayComparer.Instance);

            if (start == end) return ok;
            var inclusion = SubtreeProofBuilder.Inclusion(Nodes, (ulong)index, (ulong)start, (ulong)end);
            ok &= inclusion.SequenceEqual(NaiveSubtree.Inclusion(Leaves, index, start, end), ByteArrayComparer.Instance)
                && SubtreeProofVerifier.VerifyInclusion((ulong)index, (ulong)start, (ulong)end, Leaves[index], inclusion, subtreeHash) is null;
            if (inclusion.Count > 0)
            {
                ok &= SubtreeProofVerifier.VerifyInclusion((ulong)index, (ulong)start, (ulong)end, Leaves[index], FlipByte(inclusion, flip), subtreeHash) is not null;
            }

            // Another entry of the same subtree, with its own leaf hash: passes only if its proof is the same (never, for distinct paths).
            int otherIndex = start + (int)((uint)other.Index % (uint)(end - start));
            bool sameProof = inclusion.SequenceEqual(NaiveSubtree.Inclusion(Leaves, otherIndex, start, end), ByteArrayComparer.Instance);
            ok &= (SubtreeProofVerifier.VerifyInclusion((ulong)otherIndex, (ulong)start, (ulong)end, Leaves[otherIndex], inclusion, subtreeHash) is null) == sameProof;
            return ok;
        }).Check(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(100).WithReplay(ProofBuilderPropertyTests.Replay()));

    /// <summary>A tree size, a valid subtree of it, an entry in it, a byte to flip and another geometry.</summary>
    private static Gen<(int N, int Start, int End, int Index, int Flip, (int N, int Index) Other)> Sample() =>
        from n in Gen.Choose(1, 4096)
        from end in Gen.Choose(0, n)
        from pick in Gen.Choose(0, int.MaxValue)
        from flip in Gen.Choose(0, int.MaxValue)
        from otherN in Gen.Choose(end, 4096)
        from otherIndex in Gen.Choose(0, int.MaxValue)
        let starts = Enumerable.Range(0, end + 1).Where(s => NaiveSubtree.IsValid(s, end)).ToList()
        let start = starts[pick % starts.Count]
        let index = end == start ? start : start + pick % (end - start)
        select (n, start, end, index, flip, (otherN, otherIndex));

    private static IEnumerable<(int Start, int End)> ValidSubtrees(int n) =>
        from end in Enumerable.Range(0, n + 1)
        from start in Enumerable.Range(0, end + 1)
        where NaiveSubtree.IsValid(start, end)
        select (start, end);

    private static IEnumerable<List<byte[]>> EveryByteFlipped(List<byte[]> proof)
    {
        for (int i = 0; i < proof.Count * TreeHasher.HashSize; i++) yield return FlipByte(proof, i);
    }

    private static List<byte[]> FlipByte(List<byte[]> proof, int at)
    {
        at %= proof.Count * TreeHasher.HashSize;
        var copy = proof.Select(p => (byte[])p.Clone()).ToList();
        copy[at / TreeHasher.HashSize][at % TreeHasher.HashSize] ^= 0x01;
        return copy;
    }
}
