using Ensuresec.Ledger.Merkle;
using Ensuresec.Ledger.Tests.Tiles;
using Ensuresec.Ledger.Tiles;

namespace Ensuresec.Ledger.Tests.Merkle;

/// <summary>A real log's tiles produce subtree hashes and proofs that verify against its signed root.</summary>
public sealed class SubtreeFromTilesTests
{
    [Fact]
    public void CoveringSubtreesOfALogsIntervals_FromTiles_MatchTheNaiveTreeAndVerifyAgainstTheRoot()
    {
        const int count = 1000;
        var store = new MemoryTileStore();
        var writer = TestLogs.Open(store);
        for (int at = 0; at < count; at += 300) writer.Append(TestLogs.Entries(at, Math.Min(300, count - at)));
        var tree = new TileTree(store, writer.Size);
        var leaves = Enumerable.Range(0, count).Select(i => TreeHasher.HashLeaf(TestLogs.Entry(i))).ToList();

        int subtrees = 0;
        foreach (var (from, to) in new (ulong, ulong)[] { (0, 1000), (300, 1000), (257, 700), (511, 513), (999, 1000), (600, 600) })
        {
            var (left, right) = Subtree.Cover(from, to);
            foreach (var s in new[] { left, right })
            {
                var hash = SubtreeProofBuilder.Hash(tree, s.Start, s.End);
                hash.ShouldBe(NaiveSubtree.Hash(leaves, (int)s.Start, (int)s.End));
                var consistency = SubtreeProofBuilder.Consistency(tree, s.Start, s.End, tree.Size);
                SubtreeProofVerifier.VerifyConsistency(s.Start, s.End, tree.Size, hash, writer.RootHash, consistency).ShouldBeNull($"{s}");
                if (s.Start == s.End) continue;
                foreach (ulong index in new[] { s.Start, s.End - 1 })
                {
                    var inclusion = SubtreeProofBuilder.Inclusion(tree, index, s.Start, s.End);
                    SubtreeProofVerifier.VerifyInclusion(index, s.Start, s.End, leaves[(int)index], inclusion, hash).ShouldBeNull($"{index} in {s}");
                }

                subtrees++;
            }
        }

        subtrees.ShouldBe(9);
    }
}
