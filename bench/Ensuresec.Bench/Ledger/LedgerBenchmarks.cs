using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Ensuresec.Ledger.Merkle;
using Ensuresec.Ledger.Notes;
using Ensuresec.Ledger.Tiles;

namespace Ensuresec.Bench.Ledger;

/// <summary>
/// The ledger's hot paths against their floor: SHA-256 of a leaf (257 bytes) and of a node (65 bytes), then an
/// inclusion proof from warm tiles and its verification, in a 1,000,000-entry log held in memory.
/// Whole-log throughput (appends, full verification) is `ensuresec bench ledger`.
/// </summary>
[MemoryDiagnoser]
public class LedgerBenchmarks
{
    private readonly byte[] _leafInput = new byte[257];
    private readonly byte[] _nodeInput = new byte[65];
    private readonly byte[] _hash = new byte[32];
    private TileTree _tree = null!;
    private byte[] _root = [];
    private ulong[] _indices = [];
    private List<byte[]>[] _proofs = [];
    private byte[][] _leaves = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        RandomNumberGenerator.Fill(_leafInput);
        RandomNumberGenerator.Fill(_nodeInput);
        var store = new MemoryTileStore();
        var signer = Ed25519Signer.Generate("bench.example/ledger");
        var writer = TileLogWriter.Open(store, signer, signer.Verifier());
        var entry = new byte[256];
        for (int at = 0; at < 1_000_000; at += 1024)
        {
            var batch = new List<byte[]>(1024);
            for (int i = at; i < at + 1024 && i < 1_000_000; i++)
            {
                var e = (byte[])entry.Clone();
                BitConverter.TryWriteBytes(e, i);
                batch.Add(e);
            }

            writer.Append(batch);
        }

        _tree = new TileTree(store, writer.Size);
        _root = writer.RootHash;
        var random = new Random(7);
        _indices = Enumerable.Range(0, 1024).Select(_ => (ulong)random.NextInt64(1_000_000)).ToArray();
        _proofs = _indices.Select(i => _tree.Inclusion(i)).ToArray();
        _leaves = _indices.Select(i => _tree.LeafHash(i)).ToArray();
    }

    [Benchmark(Baseline = true)]
    public byte[] Sha256Leaf257()
    {
        SHA256.HashData(_leafInput, _hash);
        return _hash;
    }

    [Benchmark]
    public byte[] Sha256Node65()
    {
        SHA256.HashData(_nodeInput, _hash);
        return _hash;
    }

    [Benchmark]
    public List<byte[]> InclusionProofWarm() => _tree.Inclusion(_indices[_next++ & 1023]);

    [Benchmark]
    public bool VerifyInclusion()
    {
        int k = _next++ & 1023;
        return ProofVerifier.VerifyInclusion(_indices[k], 1_000_000, _leaves[k], _proofs[k], _root) is null;
    }
}
