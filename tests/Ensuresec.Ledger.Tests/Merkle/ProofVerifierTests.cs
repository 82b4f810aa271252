using System.Text.Json;
using Ensuresec.Ledger.Merkle;

namespace Ensuresec.Ledger.Tests.Merkle;

public sealed class ProofVerifierTests
{
    [Fact]
    public void Hasher_MatchesEveryHasherVector()
    {
        foreach (var v in MerkleVectors.Root.GetProperty("hasherVectors").EnumerateArray())
        {
            byte[] want = MerkleVectors.Hex(v.GetProperty("wantHex"));
            byte[] got = v.GetProperty("op").GetString() switch
            {
                "emptyRoot" => TreeHasher.EmptyRoot(),
                "hashLeaf" => TreeHasher.HashLeaf(MerkleVectors.Hex(v.GetProperty("inputHex"))),
                "hashChildren" => TreeHasher.HashChildren(MerkleVectors.Hex(v.GetProperty("leftHex")), MerkleVectors.Hex(v.GetProperty("rightHex"))),
                var op => throw new InvalidOperationException(op),
            };
            got.ShouldBe(want, v.GetProperty("desc").GetString());
        }
    }

    [Fact]
    public void Root_MatchesRootsAndNodeHashesOfTheLegacyTable()
    {
        var leaves = MerkleVectors.Root.GetProperty("leafInputsHex").EnumerateArray().Select(MerkleVectors.Hex).Select(b => TreeHasher.HashLeaf(b)).ToList();
        var roots = MerkleVectors.HexList(MerkleVectors.Root.GetProperty("rootHashesBySizeHex"));
        var nodes = NaiveTree.Nodes(leaves);
        for (int size = 0; size < roots.Count; size++) ProofBuilder.Root(nodes, (ulong)size).ShouldBe(roots[size], $"size {size}");
        var levels = MerkleVectors.Root.GetProperty("nodeHashesByLevelHex").EnumerateArray().Select(MerkleVectors.HexList).ToList();
        for (int h = 0; h < levels.Count; h++)
        {
            for (int i = 0; i < levels[h].Count; i++) nodes.Node(h, (ulong)i).ShouldBe(levels[h][i]);
        }
    }

    [Fact]
    public void VerifyInclusion_GivesTheExpectedVerdictOnEveryProbe()
    {
        var probes = MerkleVectors.Root.GetProperty("probes").GetProperty("inclusion").EnumerateArray().ToList();
        probes.Count.ShouldBeGreaterThan(90);
        foreach (var p in probes)
        {
            var error = ProofVerifier.VerifyInclusion(
                p.GetProperty("leafIdx").GetUInt64(), p.GetProperty("treeSize").GetUInt64(),
                MerkleVectors.B64(p.GetProperty("leafHash")), MerkleVectors.B64List(p.GetProperty("proof")), MerkleVectors.B64(p.GetProperty("root")));
            (error is not null).ShouldBe(p.GetProperty("wantErr").GetBoolean(), $"{p.GetProperty("file").GetString()}: {error}");
        }
    }

    [Fact]
    public void VerifyConsistency_GivesTheExpectedVerdictOnEveryProbe()
    {
        var probes = MerkleVectors.Root.GetProperty("probes").GetProperty("consistency").EnumerateArray().ToList();
        probes.Count.ShouldBeGreaterThan(90);
        foreach (var p in probes)
        {
            var error = ProofVerifier.VerifyConsistency(
                p.GetProperty("size1").GetUInt64(), p.GetProperty("size2").GetUInt64(),
                MerkleVectors.B64(p.GetProperty("root1")), MerkleVectors.B64(p.GetProperty("root2")), MerkleVectors.B64List(p.GetProperty("proof")));
            (error is not null).ShouldBe(p.GetProperty("wantErr").GetBoolean(), $"{p.GetProperty("file").GetString()}: {error}");
        }
    }

    [Fact]
    public void LegacyTables_VerifyAsListed()
    {
        foreach (var p in MerkleVectors.Root.GetProperty("inclusionProofs").EnumerateArray())
        {
            if (p.GetProperty("leafIndex").ValueKind == JsonValueKind.Null)
            {
                ProofVerifier.VerifyInclusion(0, p.GetProperty("treeSize").GetUInt64(), new byte[32], [], new byte[32])!.Kind.ShouldBe(ProofErrorKind.IndexOutOfRange);
                continue;
            }

            var error = ProofVerifier.VerifyInclusion(p.GetProperty("leafIndex").GetUInt64(), p.GetProperty("treeSize").GetUInt64(),
                MerkleVectors.Hex(p.GetProperty("leafHashHex")), MerkleVectors.HexList(p.GetProperty("proofHex")), MerkleVectors.Hex(p.GetProperty("rootHex")));
            error.ShouldBeNull();
        }

        foreach (var p in MerkleVectors.Root.GetProperty("consistencyProofs").EnumerateArray())
        {
            ProofVerifier.VerifyConsistency(p.GetProperty("size1").GetUInt64(), p.GetProperty("size2").GetUInt64(),
                MerkleVectors.Hex(p.GetProperty("root1Hex")), MerkleVectors.Hex(p.GetProperty("root2Hex")), MerkleVectors.HexList(p.GetProperty("proofHex"))).ShouldBeNull();
        }
    }

    [Fact]
    public void VerifyInclusion_BadInputs_TypedErrorsBeforeHashing()
    {
        var leaves = NaiveTree.LeafHashes(8);
        var nodes = NaiveTree.Nodes(leaves);
        var root = ProofBuilder.Root(nodes, 8);
        var proof = ProofBuilder.Inclusion(nodes, 3, 8);
        ProofVerifier.VerifyInclusion(3, 8, leaves[3], proof, root).ShouldBeNull();
        ProofVerifier.VerifyInclusion(8, 8, leaves[3], proof, root)!.Kind.ShouldBe(ProofErrorKind.IndexOutOfRange);
        ProofVerifier.VerifyInclusion(ulong.MaxValue, ulong.MaxValue, leaves[3], proof, root)!.Kind.ShouldBe(ProofErrorKind.IndexOutOfRange);
        ProofVerifier.VerifyInclusion(3, 8, leaves[3], proof.Take(2).ToList(), root)!.Kind.ShouldBe(ProofErrorKind.WrongProofLength);
        ProofVerifier.VerifyInclusion(3, 8, leaves[3], [.. proof, root], root)!.Kind.ShouldBe(ProofErrorKind.WrongProofLength);
        ProofVerifier.VerifyInclusion(3, 8, leaves[3][..31], proof, root)!.Kind.ShouldBe(ProofErrorKind.BadHashLength);
        ProofVerifier.VerifyInclusion(3, 8, leaves[3], [proof[0], proof[1], new byte[33]], root)!.Kind.ShouldBe(ProofErrorKind.BadHashLength);
        ProofVerifier.VerifyInclusion(2, 8, leaves[3], proof, root)!.Kind.ShouldBe(ProofErrorKind.RootMismatch);
        ProofVerifier.VerifyInclusion(ulong.MaxValue - 1, ulong.MaxValue, leaves[3], proof, root)!.Kind.ShouldBe(ProofErrorKind.WrongProofLength);
    }

    [Fact]
    public void VerifyConsistency_BadInputs_TypedErrors()
    {
        var nodes = NaiveTree.Nodes(NaiveTree.LeafHashes(8));
        byte[] r5 = ProofBuilder.Root(nodes, 5), r8 = ProofBuilder.Root(nodes, 8);
        var proof = ProofBuilder.Consistency(nodes, 5, 8);
        ProofVerifier.VerifyConsistency(5, 8, r5, r8, proof).ShouldBeNull();
        ProofVerifier.VerifyConsistency(8, 5, r8, r5, proof)!.Kind.ShouldBe(ProofErrorKind.IndexOutOfRange);
        ProofVerifier.VerifyConsistency(0, 8, TreeHasher.EmptyRoot(), r8, [])!.Kind.ShouldBe(ProofErrorKind.EmptyTree);
        ProofVerifier.VerifyConsistency(5, 8, r5, r8, proof.Skip(1).ToList())!.Kind.ShouldBe(ProofErrorKind.WrongProofLength);
        ProofVerifier.VerifyConsistency(5, 8, r5[..16], r8, proof)!.Kind.ShouldBe(ProofErrorKind.BadHashLength);
        ProofVerifier.VerifyConsistency(5, 8, r8, r8, proof)!.Kind.ShouldBe(ProofErrorKind.RootMismatch);
        ProofVerifier.VerifyConsistency(5, ulong.MaxValue, r5, r8, proof)!.Kind.ShouldBe(ProofErrorKind.WrongProofLength);
    }
}
