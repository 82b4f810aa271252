using Ensuresec.Ledger.Merkle;
using FsCheck;
using FsCheck.Fluent;

namespace Ensuresec.Ledger.Tests.Merkle;

/// <summary>The fast builder and verifier agree with the naive RFC definitions: exhaustively up to 64 leaves, sampled up to 4,096.</summary>
public sealed class ProofBuilderPropertyTests
{
    private static readonly List<byte[]> Leaves = NaiveTree.LeafHashes(4096);
    private static readonly MemoryNodes Nodes = NaiveTree.Nodes(Leaves);

    [Fact]
    public void EveryIndexAndSizeUpTo64_InclusionMatchesTheNaiveTreeAndVerifies()
    {
        for (int size = 1; size <= 64; size++)
        {
            var root = ProofBuilder.Root(Nodes, (ulong)size);
            root.ShouldBe(NaiveTree.Mth(Leaves, 0, size));
            for (int index = 0; index < size; index++)
            {
                var proof = ProofBuilder.Inclusion(Nodes, (ulong)index, (ulong)size);
                proof.ShouldBe(NaiveTree.Path(Leaves, index, 0, size));
                ProofVerifier.VerifyInclusion((ulong)index, (ulong)size, Leaves[index], proof, root).ShouldBeNull();
                if (size > 1) ProofVerifier.VerifyInclusion((ulong)index, (ulong)size, Leaves[(index + 1) % size], proof, root).ShouldNotBeNull();
            }
        }
    }

    [Fact]
    public void EveryPairOfSizesUpTo64_ConsistencyMatchesTheNaiveTreeAndVerifies()
    {
        for (int size2 = 1; size2 <= 64; size2++)
        {
            var root2 = NaiveTree.Mth(Leaves, 0, size2);
            for (int size1 = 1; size1 <= size2; size1++)
            {
                var root1 = NaiveTree.Mth(Leaves, 0, size1);
                var proof = ProofBuilder.Consistency(Nodes, (ulong)size1, (ulong)size2);
                proof.ShouldBe(NaiveTree.Proof(Leaves, size1, size2));
                ProofVerifier.VerifyConsistency((ulong)size1, (ulong)size2, root1, root2, proof).ShouldBeNull();
                if (size1 < size2) ProofVerifier.VerifyConsistency((ulong)size1, (ulong)size2, root2, root1, proof).ShouldNotBeNull();
            }
        }
    }

    [Fact]
    public void SampledUpTo4096_InclusionAgreesWithTheNaiveTree() =>
        Prop.ForAll(Gen.Choose(1, 4096).SelectMany(size => Gen.Choose(0, size - 1).Select(index => (size, index))).ToArbitrary(), t =>
        {
            var (size, index) = t;
            var root = NaiveTree.Mth(Leaves, 0, size);
            var proof = ProofBuilder.Inclusion(Nodes, (ulong)index, (ulong)size);
            return proof.SequenceEqual(NaiveTree.Path(Leaves, index, 0, size), ByteArrayComparer.Instance)
                && ProofVerifier.VerifyInclusion((ulong)index, (ulong)size, Leaves[index], proof, root) is null;
        }).Check(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(200).WithReplay(Replay()));

    [Fact]
    public void SampledUpTo4096_ConsistencyAgreesWithTheNaiveTree() =>
        Prop.ForAll(Gen.Choose(1, 4096).SelectMany(size2 => Gen.Choose(1, size2).Select(size1 => (size1, size2))).ToArbitrary(), t =>
        {
            var (size1, size2) = t;
            var proof = ProofBuilder.Consistency(Nodes, (ulong)size1, (ulong)size2);
            return proof.SequenceEqual(NaiveTree.Proof(Leaves, size1, size2), ByteArrayComparer.Instance)
                && ProofVerifier.VerifyConsistency((ulong)size1, (ulong)size2, NaiveTree.Mth(Leaves, 0, size1), NaiveTree.Mth(Leaves, 0, size2), proof) is null;
        }).Check(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(200).WithReplay(Replay()));

    /// <summary>A fixed seed: the samples are the same on every run.</summary>
    internal static Microsoft.FSharp.Core.FSharpOption<Replay> Replay() =>
        Microsoft.FSharp.Core.FSharpOption<Replay>.Some(new Replay(new Rnd(20261122UL, 4097UL), Microsoft.FSharp.Core.FSharpOption<int>.None));
}

internal sealed class ByteArrayComparer : IEqualityComparer<byte[]>
{
    public static readonly ByteArrayComparer Instance = new();

    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] obj) => obj.Length;
}
