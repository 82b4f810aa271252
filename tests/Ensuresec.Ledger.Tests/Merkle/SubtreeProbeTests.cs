using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ensuresec.Ledger.Merkle;
using Ensuresec.Tests.Support;

namespace Ensuresec.Ledger.Tests.Merkle;

/// <summary>The subtree probes of transparency-dev/merkle and the accumulated test vectors of the Merkle Tree Certificates draft.</summary>
public sealed class SubtreeProbeTests
{
    [Fact]
    public void VerifyInclusion_GivesTheExpectedVerdictOnEverySubtreeInclusionProbeFile()
    {
        var probes = ProbeFiles("subtreeinclusion");
        probes.Count.ShouldBe(204);
        CheckInclusion(probes).ShouldBe(204);
    }

    [Fact]
    public void VerifyConsistency_GivesTheExpectedVerdictOnEverySubtreeConsistencyProbeFile()
    {
        var probes = ProbeFiles("subtreeconsistency");
        probes.Count.ShouldBe(118);
        CheckConsistency(probes).ShouldBe(118);
    }

    [Fact]
    public void Verifiers_GiveTheExpectedVerdictOnEverySubtreeProbeOfTheConsolidatedVectors()
    {
        var all = MerkleVectors.Root.GetProperty("probes");
        CheckInclusion(all.GetProperty("subtreeinclusion").EnumerateArray().Select(p => (p.GetProperty("file").GetString()!, p)).ToList()).ShouldBe(204);
        CheckConsistency(all.GetProperty("subtreeconsistency").EnumerateArray().Select(p => (p.GetProperty("file").GetString()!, p)).ToList()).ShouldBe(118);
    }

    [Fact]
    public void SubtreeHashes_ReproduceTheAccumulatedDigest()
    {
        using var digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (ulong end = 0; end <= 130; end++)
        {
            for (ulong start = 0; start <= end; start++)
            {
                if (!Subtree.IsValid(start, end)) continue;
                var hash = SubtreeProofBuilder.Hash(Nodes, start, end);
                hash.ShouldBe(NaiveSubtree.Hash(Leaves, (int)start, (int)end));
                Add(digest, $"[{start}, {end}) {Convert.ToHexStringLower(hash)}\n");
            }
        }

        Convert.ToHexStringLower(digest.GetHashAndReset()).ShouldBe(Want("TestSubtreeHashVectors"));
    }

    [Fact]
    public void SubtreeInclusionProofs_ReproduceTheAccumulatedDigest_EvaluateToTheSubtreeHash_AndFailWhenTruncatedOrExtended()
    {
        using var digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        int proofs = 0;
        for (ulong end = 0; end <= 130; end++)
        {
            for (ulong start = 0; start <= end; start++)
            {
                if (!Subtree.IsValid(start, end)) continue;
                var subtreeHash = SubtreeProofBuilder.Hash(Nodes, start, end);
                for (ulong index = start; index < end; index++)
                {
                    var proof = SubtreeProofBuilder.Inclusion(Nodes, index, start, end);
                    Add(digest, $"{index} [{start}, {end}){string.Concat(proof.Select(p => " " + Convert.ToHexStringLower(p)))}\n");

                    var evaluated = new byte[32];
                    SubtreeProofVerifier.EvaluateInclusion(index, start, end, Leaves[(int)index], proof, evaluated).ShouldBeNull();
                    evaluated.ShouldBe(subtreeHash);
                    foreach (var altered in TruncatedAndExtended(proof))
                    {
                        SubtreeProofVerifier.EvaluateInclusion(index, start, end, Leaves[(int)index], altered, evaluated).ShouldNotBeNull();
                    }

                    proofs++;
                }
            }
        }

        Convert.ToHexStringLower(digest.GetHashAndReset()).ShouldBe(Want("TestSubtreeInclusionProofVectors"));
        proofs.ShouldBeGreaterThan(5000);
    }

    [Fact]
    public void SubtreeConsistencyProofs_ReproduceTheAccumulatedDigest_Verify_AndFailWhenAnythingIsAltered()
    {
        using var digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        int proofs = 0;
        var roots = Enumerable.Range(0, 131).Select(n => ProofBuilder.Root(Nodes, (ulong)n)).ToList();
        for (ulong n = 0; n <= 130; n++)
        {
            for (ulong end = 0; end <= n; end++)
            {
                for (ulong start = 0; start <= end; start++)
                {
                    if (!Subtree.IsValid(start, end)) continue;
                    var proof = SubtreeProofBuilder.Consistency(Nodes, start, end, n);
                    Add(digest, $"[{start}, {end}) {n}{string.Concat(proof.Select(p => " " + Convert.ToHexStringLower(p)))}\n");

                    var subtreeHash = SubtreeProofBuilder.Hash(Nodes, start, end);
                    var root = roots[(int)n];
                    SubtreeProofVerifier.VerifyConsistency(start, end, n, subtreeHash, root, proof).ShouldBeNull($"[{start}, {end}) in {n}");
                    foreach (var altered in TruncatedAndExtended(proof))
                    {
                        SubtreeProofVerifier.VerifyConsistency(start, end, n, subtreeHash, root, altered).ShouldNotBeNull();
                    }

                    SubtreeProofVerifier.VerifyConsistency(start, end, n, FlipBit(subtreeHash, 0), root, proof).ShouldNotBeNull();
                    if (start < end) SubtreeProofVerifier.VerifyConsistency(start, end, n, subtreeHash, FlipBit(root, 255), proof).ShouldNotBeNull();
                    proofs++;
                }
            }
        }

        Convert.ToHexStringLower(digest.GetHashAndReset()).ShouldBe(Want("TestSubtreeConsistencyProofVectors"));
        proofs.ShouldBe(42893);
    }

    [Fact]
    public void Cover_ReproducesTheAccumulatedDigest_WithTheDraftsThreeProperties()
    {
        using var digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (ulong end = 0; end <= 130; end++)
        {
            for (ulong start = 0; start <= end; start++)
            {
                var (left, right) = Subtree.Cover(start, end);
                Add(digest, $"[{left.Start}, {left.End}) [{right.Start}, {right.End})\n");
                Subtree.IsValid(left.Start, left.End).ShouldBeTrue();
                Subtree.IsValid(right.Start, right.End).ShouldBeTrue();
                left.End.ShouldBe(right.Start);
                (left.Start <= start && right.End == end).ShouldBeTrue();
                if (start < end) (start - left.Start).ShouldBeLessThan(left.End - start);
            }
        }

        Convert.ToHexStringLower(digest.GetHashAndReset()).ShouldBe(Want("TestSubtreeCoveringVectors"));
    }

    /// <summary>The 130-leaf tree of the draft's accumulated vectors: d[i] is the single byte i.</summary>
    private static readonly List<byte[]> Leaves = Enumerable.Range(0, 130).Select(i => TreeHasher.HashLeaf([(byte)i])).ToList();

    private static readonly MemoryNodes Nodes = NaiveTree.Nodes(Leaves);

    private static int CheckInclusion(List<(string File, JsonElement Probe)> probes)
    {
        int passed = 0;
        foreach (var (file, p) in probes)
        {
            var error = SubtreeProofVerifier.VerifyInclusion(
                p.GetProperty("leafIdx").GetUInt64(), p.GetProperty("start").GetUInt64(), p.GetProperty("end").GetUInt64(),
                MerkleVectors.B64(p.GetProperty("leafHash")), MerkleVectors.B64List(p.GetProperty("proof")), MerkleVectors.B64(p.GetProperty("root")));
            (error is not null).ShouldBe(p.GetProperty("wantErr").GetBoolean(), $"{file}: {error}");
            passed++;
        }

        return passed;
    }

    private static int CheckConsistency(List<(string File, JsonElement Probe)> probes)
    {
        int passed = 0;
        foreach (var (file, p) in probes)
        {
            var error = SubtreeProofVerifier.VerifyConsistency(
                p.GetProperty("start").GetUInt64(), p.GetProperty("end").GetUInt64(), p.GetProperty("size").GetUInt64(),
                MerkleVectors.B64(p.GetProperty("root1")), MerkleVectors.B64(p.GetProperty("root2")), MerkleVectors.B64List(p.GetProperty("proof")));
            (error is not null).ShouldBe(p.GetProperty("wantErr").GetBoolean(), $"{file}: {error}");
            passed++;
        }

        return passed;
    }

    private static List<(string File, JsonElement Probe)> ProbeFiles(string kind)
    {
        string folder = SharedData.PathOf($"merkle/original/testdata/{kind}");
        return Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetRelativePath(folder, f), JsonDocument.Parse(File.ReadAllText(f)).RootElement))
            .ToList();
    }

    /// <summary>The draft's mutations of a proof read as bytes: one byte and one hash shorter (when not empty), one byte and one hash longer.</summary>
    internal static IEnumerable<List<byte[]>> TruncatedAndExtended(List<byte[]> proof)
    {
        if (proof.Count > 0)
        {
            yield return [.. proof[..^1], proof[^1][..^1]];
            yield return proof[..^1];
            yield return [.. proof[..^1], [.. proof[^1], 0x5a]];
        }
        else
        {
            yield return [[0x5a]];
        }

        yield return [.. proof, SHA256.HashData("arbitrary"u8)];
    }

    internal static byte[] FlipBit(byte[] hash, int bit)
    {
        var copy = (byte[])hash.Clone();
        copy[bit / 8] ^= (byte)(1 << (bit % 8));
        return copy;
    }

    private static void Add(IncrementalHash digest, string line) => digest.AppendData(Encoding.ASCII.GetBytes(line));

    private static string Want(string test) =>
        MerkleVectors.Root.GetProperty("accumulatedSubtreeVectors").GetProperty("wantSha256ByTest").GetProperty(test).GetString()!;
}
