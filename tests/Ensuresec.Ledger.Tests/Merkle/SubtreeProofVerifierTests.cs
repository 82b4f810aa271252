using Ensuresec.Ledger.Merkle;

namespace Ensuresec.Ledger.Tests.Merkle;

/// <summary>Bad input gets a typed error before any hashing, never an exception; the draft's large-tree vectors.</summary>
public sealed class SubtreeProofVerifierTests
{
    private static readonly List<byte[]> Leaves = NaiveTree.LeafHashes(16);
    private static readonly MemoryNodes Nodes = NaiveTree.Nodes(Leaves);

    [Fact]
    public void VerifyInclusion_BadInputs_TypedErrors()
    {
        // Entry 10 of [8, 13), the draft's example: MTH({d[11]}), MTH(D[8:10]), MTH({d[12]}).
        var proof = SubtreeProofBuilder.Inclusion(Nodes, 10, 8, 13);
        proof.ShouldBe([Leaves[11], NaiveTree.Mth(Leaves, 8, 10), Leaves[12]]);
        var hash = SubtreeProofBuilder.Hash(Nodes, 8, 13);
        ProofErrorKind? Kind(ulong index, ulong start, ulong end, byte[] entry, IReadOnlyList<byte[]>? p, byte[] subtree) =>
            SubtreeProofVerifier.VerifyInclusion(index, start, end, entry, p, subtree)?.Kind;

        Kind(10, 8, 13, Leaves[10], proof, hash).ShouldBeNull();
        Kind(10, 8, 13, Leaves[10], null, hash).ShouldBe(ProofErrorKind.WrongProofLength);
        Kind(10, 8, 13, Leaves[10], proof[..2], hash).ShouldBe(ProofErrorKind.WrongProofLength);
        Kind(10, 8, 13, Leaves[10], [.. proof, hash], hash).ShouldBe(ProofErrorKind.WrongProofLength);
        Kind(10, 8, 13, Leaves[10], [proof[0], null!, proof[2]], hash).ShouldBe(ProofErrorKind.BadHashLength);
        Kind(10, 8, 13, Leaves[10], [proof[0], proof[1][..31], proof[2]], hash).ShouldBe(ProofErrorKind.BadHashLength);
        Kind(10, 8, 13, Leaves[10][..31], proof, hash).ShouldBe(ProofErrorKind.BadHashLength);
        Kind(10, 8, 13, Leaves[10], proof, [.. hash, 0]).ShouldBe(ProofErrorKind.BadHashLength);
        Kind(10, 8, 13, "WrongLeaf"u8.ToArray(), proof, hash).ShouldBe(ProofErrorKind.BadHashLength);
        Kind(13, 8, 13, Leaves[10], proof, hash).ShouldBe(ProofErrorKind.IndexOutOfRange);
        Kind(7, 8, 13, Leaves[10], proof, hash).ShouldBe(ProofErrorKind.IndexOutOfRange);
        Kind(10, 8, 8, Leaves[10], proof, hash).ShouldBe(ProofErrorKind.IndexOutOfRange);
        Kind(10, 9, 13, Leaves[10], proof, hash).ShouldBe(ProofErrorKind.InvalidSubtree);
        Kind(10, 13, 8, Leaves[10], proof, hash).ShouldBe(ProofErrorKind.InvalidSubtree);
        Kind(11, 8, 13, Leaves[10], proof, hash).ShouldBe(ProofErrorKind.RootMismatch);
        Kind(10, 8, 13, Leaves[10], proof, Leaves[10]).ShouldBe(ProofErrorKind.RootMismatch);

        // Overflowing sizes: the largest subtrees are valid, their proofs are just too short.
        Kind(ulong.MaxValue - 1, 0, ulong.MaxValue, Leaves[10], proof, hash).ShouldBe(ProofErrorKind.WrongProofLength);
        Kind(ulong.MaxValue - 1, 1UL << 63, ulong.MaxValue, Leaves[10], proof, hash).ShouldBe(ProofErrorKind.WrongProofLength);
        Kind(2, 1, 9223372036854775810, Leaves[10], proof, hash).ShouldBe(ProofErrorKind.InvalidSubtree);
        Kind(ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, Leaves[10], [], hash).ShouldBe(ProofErrorKind.IndexOutOfRange);
    }

    [Fact]
    public void EvaluateInclusion_ReturnsTheSubtreeHash_AndRefusesADestinationOfTheWrongSize()
    {
        var destination = new byte[32];
        SubtreeProofVerifier.EvaluateInclusion(5, 4, 8, Leaves[5], SubtreeProofBuilder.Inclusion(Nodes, 5, 4, 8), destination).ShouldBeNull();
        destination.ShouldBe(NaiveTree.Mth(Leaves, 4, 8));
        SubtreeProofVerifier.EvaluateInclusion(5, 4, 8, Leaves[5], null, destination)!.Kind.ShouldBe(ProofErrorKind.WrongProofLength);
        Should.Throw<ArgumentException>(() => SubtreeProofVerifier.EvaluateInclusion(5, 4, 8, Leaves[5], [], new byte[31]));
    }

    [Fact]
    public void VerifyConsistency_BadInputs_TypedErrors()
    {
        // [8, 13) in a tree of 14, the draft's example: MTH({d[12]}), MTH({d[13]}), MTH(D[8:12]), MTH(D[0:8]).
        var proof = SubtreeProofBuilder.Consistency(Nodes, 8, 13, 14);
        proof.ShouldBe([Leaves[12], Leaves[13], NaiveTree.Mth(Leaves, 8, 12), NaiveTree.Mth(Leaves, 0, 8)]);
        SubtreeProofBuilder.Consistency(Nodes, 4, 8, 14).ShouldBe([NaiveTree.Mth(Leaves, 0, 4), NaiveTree.Mth(Leaves, 8, 14)]);
        byte[] hash = SubtreeProofBuilder.Hash(Nodes, 8, 13), root = ProofBuilder.Root(Nodes, 14);
        ProofErrorKind? Kind(ulong start, ulong end, ulong size, byte[] subtree, byte[] r, IReadOnlyList<byte[]>? p) =>
            SubtreeProofVerifier.VerifyConsistency(start, end, size, subtree, r, p)?.Kind;

        Kind(8, 13, 14, hash, root, proof).ShouldBeNull();
        Kind(8, 13, 14, hash, root, null).ShouldBe(ProofErrorKind.WrongProofLength);
        Kind(8, 13, 14, hash, root, proof[1..]).ShouldBe(ProofErrorKind.WrongProofLength);
        Kind(8, 13, 14, hash, root, [.. proof, root]).ShouldBe(ProofErrorKind.WrongProofLength);
        Kind(8, 13, 14, hash, root, [proof[0], proof[1], proof[2], null!]).ShouldBe(ProofErrorKind.BadHashLength);
        Kind(8, 13, 14, hash, root, [proof[0], proof[1], proof[2], [.. proof[3], 0]]).ShouldBe(ProofErrorKind.BadHashLength);
        Kind(8, 13, 14, hash[..16], root, proof).ShouldBe(ProofErrorKind.BadHashLength);
        Kind(8, 13, 14, hash, "garbage"u8.ToArray(), proof).ShouldBe(ProofErrorKind.BadHashLength);
        Kind(8, 13, 12, hash, root, proof).ShouldBe(ProofErrorKind.IndexOutOfRange);
        Kind(9, 13, 14, hash, root, proof).ShouldBe(ProofErrorKind.InvalidSubtree);
        Kind(13, 8, 14, hash, root, proof).ShouldBe(ProofErrorKind.InvalidSubtree);
        Kind(8, 13, 14, root, root, proof).ShouldBe(ProofErrorKind.RootMismatch);
        Kind(8, 13, 14, hash, hash, proof).ShouldBe(ProofErrorKind.RootMismatch);
        Kind(8, 13, 15, hash, root, proof).ShouldNotBeNull();

        // The empty subtree: only its hash (SHA-256 of nothing) and an empty proof count.
        Kind(4, 4, 14, TreeHasher.EmptyRoot(), root, []).ShouldBeNull();
        Kind(4, 4, 14, Leaves[4], root, []).ShouldBe(ProofErrorKind.RootMismatch);
        Kind(4, 4, 14, TreeHasher.EmptyRoot(), root, [root]).ShouldBe(ProofErrorKind.WrongProofLength);

        // Overflowing sizes: valid geometry, short proofs; never an exception.
        Kind(0, ulong.MaxValue, ulong.MaxValue, hash, root, proof).ShouldBe(ProofErrorKind.WrongProofLength);
        Kind(0, ulong.MaxValue, ulong.MaxValue, hash, hash, []).ShouldBeNull();
        Kind(1UL << 63, ulong.MaxValue, ulong.MaxValue, hash, root, proof).ShouldBe(ProofErrorKind.WrongProofLength);
        Kind(0, 1UL << 62, ulong.MaxValue, hash, root, proof).ShouldBe(ProofErrorKind.WrongProofLength);
        Kind(ulong.MaxValue - 1, ulong.MaxValue, ulong.MaxValue, hash, root, proof).ShouldBe(ProofErrorKind.WrongProofLength);
        Kind(1UL << 62, ulong.MaxValue, ulong.MaxValue, hash, root, proof).ShouldBe(ProofErrorKind.InvalidSubtree);
    }

    [Fact]
    public void Builder_RefusesWhatIsNotASubtree()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => SubtreeProofBuilder.Hash(Nodes, 3, 5));
        Should.Throw<ArgumentOutOfRangeException>(() => SubtreeProofBuilder.Inclusion(Nodes, 8, 4, 8));
        Should.Throw<ArgumentOutOfRangeException>(() => SubtreeProofBuilder.Inclusion(Nodes, 1, 2, 1));
        Should.Throw<ArgumentOutOfRangeException>(() => SubtreeProofBuilder.Consistency(Nodes, 8, 13, 12));
        Should.Throw<ArgumentOutOfRangeException>(() => Subtree.Cover(5, 4));
        SubtreeProofBuilder.Hash(Nodes, 7, 7).ShouldBe(TreeHasher.EmptyRoot());
        SubtreeProofBuilder.Consistency(Nodes, 7, 7, 16).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(0, (1UL << 47) + 1, true)]
    [InlineData(0, (1UL << 48) - 1, true)]
    [InlineData(0, (1UL << 62) + 1, true)]
    [InlineData(0, (1UL << 63) - 1, true)]
    [InlineData(0, (1UL << 63) + 1, true)]
    [InlineData(0, ulong.MaxValue, true)]
    [InlineData(1UL << 46, (1UL << 47) + 1, false)]
    [InlineData(1UL << 46, (1UL << 48) - 1, false)]
    [InlineData(1UL << 61, (1UL << 62) + 1, false)]
    [InlineData(1UL << 61, (1UL << 63) - 1, false)]
    [InlineData(1UL << 62, (1UL << 63) + 1, false)]
    [InlineData(1UL << 62, ulong.MaxValue, false)]
    public void IsValid_MatchesTheDraftsLargeSubtreeVectors(ulong start, ulong end, bool valid) => Subtree.IsValid(start, end).ShouldBe(valid);

    [Theory]
    [InlineData(0x0, 0x800000000000, 0x0, 0x400000000000, 0x800000000000)]
    [InlineData(0x500000000000, 0xd00000000000, 0x400000000000, 0x800000000000, 0xd00000000000)]
    [InlineData(0x7fffffffffff, 0x800000000001, 0x7fffffffffff, 0x800000000000, 0x800000000001)]
    [InlineData(0xfffffffffffe, 0xffffffffffff, 0xfffffffffffe, 0xffffffffffff, 0xffffffffffff)]
    [InlineData(0xffffffffffff, 0xffffffffffff, 0xffffffffffff, 0xffffffffffff, 0xffffffffffff)]
    [InlineData(0x0, 0x4000000000000000, 0x0, 0x2000000000000000, 0x4000000000000000)]
    [InlineData(0x2800000000000000, 0x6800000000000000, 0x2000000000000000, 0x4000000000000000, 0x6800000000000000)]
    [InlineData(0x3fffffffffffffff, 0x4000000000000001, 0x3fffffffffffffff, 0x4000000000000000, 0x4000000000000001)]
    [InlineData(0x7ffffffffffffffe, 0x7fffffffffffffff, 0x7ffffffffffffffe, 0x7fffffffffffffff, 0x7fffffffffffffff)]
    [InlineData(0x7fffffffffffffff, 0x7fffffffffffffff, 0x7fffffffffffffff, 0x7fffffffffffffff, 0x7fffffffffffffff)]
    [InlineData(0x0, 0x8000000000000000, 0x0, 0x4000000000000000, 0x8000000000000000)]
    [InlineData(0x5000000000000000, 0xd000000000000000, 0x4000000000000000, 0x8000000000000000, 0xd000000000000000)]
    [InlineData(0x7fffffffffffffff, 0x8000000000000001, 0x7fffffffffffffff, 0x8000000000000000, 0x8000000000000001)]
    [InlineData(0xfffffffffffffffe, 0xffffffffffffffff, 0xfffffffffffffffe, 0xffffffffffffffff, 0xffffffffffffffff)]
    [InlineData(0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff)]
    public void Cover_MatchesTheDraftsLargeCoveringVectors(ulong start, ulong end, ulong leftStart, ulong mid, ulong rightEnd)
    {
        var (left, right) = Subtree.Cover(start, end);
        left.ShouldBe(new Subtree(leftStart, mid));
        right.ShouldBe(new Subtree(mid, rightEnd));
    }
}
