using System.Globalization;
using System.Text;
using Ensuresec.Ledger.Checkpoints;
using Ensuresec.Ledger.Merkle;
using Ensuresec.Ledger.Notes;
using Ensuresec.Ledger.Policy;
using Ensuresec.Ledger.Tiles;

namespace Ensuresec.Ledger.Log;

/// <summary>Whole-log verification, inclusion proofs in the c2sp.org/tlog-proof format, and audits of two checkpoints.</summary>
internal static class LedgerChecks
{
    /// <summary>
    /// Checks a ledger folder: the published checkpoint (log signature, cosignatures against the policy), the latest
    /// durable checkpoint, every entry and tile up to the latest size, and the published root over the same tiles.
    /// </summary>
    public static LedgerVerification VerifyFolder(LedgerFolder folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var problems = new List<VerifyProblem>();
        var published = folder.Published();
        if (!published.Ok) problems.Add(new VerifyProblem(0, published.Error));
        var latest = folder.Latest();
        if (!latest.Ok) problems.Add(new VerifyProblem(0, latest.Error));
        ulong size = latest.Ok ? latest.Value.Checkpoint.Size : published.Ok ? published.Value.Checkpoint.Size : 0;
        if (latest.Ok)
        {
            problems.AddRange(LogVerifier.Verify(folder.Store, size, latest.Value.Checkpoint.RootHash).Problems);
        }

        if (published.Ok)
        {
            var p = published.Value.Checkpoint;
            if (latest.Ok && p.Size > size) problems.Add(new VerifyProblem(size, $"the published checkpoint ({p.Size}) is ahead of the latest durable one ({size})"));
            else if (problems.Count == 0) problems.AddRange(CheckRoot(folder.Store, p, TilePaths.CheckpointPath));
            else if (!latest.Ok) problems.AddRange(LogVerifier.Verify(folder.Store, p.Size, p.RootHash).Problems);
        }

        return new LedgerVerification(published.Ok ? published.Value : null, size, problems);
    }

    /// <summary>Checks a log served over HTTP at its published checkpoint, given the log key and the policy.</summary>
    public static LedgerVerification VerifyRemote(ITileSource source, string origin, INoteVerifier log, WitnessPolicy? policy)
    {
        ArgumentNullException.ThrowIfNull(source);
        try
        {
            var note = source.Read(TilePaths.CheckpointPath);
            if (note is null) return new LedgerVerification(null, 0, [new VerifyProblem(0, "the log serves no checkpoint")]);
            var published = SignedCheckpoint.Open(note, origin, log, policy, TilePaths.CheckpointPath);
            if (!published.Ok) return new LedgerVerification(null, 0, [new VerifyProblem(0, published.Error)]);
            var report = LogVerifier.Verify(source, published.Value.Checkpoint.Size, published.Value.Checkpoint.RootHash);
            return new LedgerVerification(published.Value, published.Value.Checkpoint.Size, report.Problems);
        }
        catch (LedgerDataException ex)
        {
            return new LedgerVerification(null, 0, [new VerifyProblem(0, ex.Message)]);
        }
    }

    /// <summary>The inclusion proof of entry <paramref name="index"/> in the tree of <paramref name="size"/>, checked before it is returned.</summary>
    public static Parsed<InclusionProof> Prove(ITileSource source, ulong index, ulong size, ReadOnlySpan<byte> expectedRoot)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (index >= size) return Parsed<InclusionProof>.Fail($"index {index} is beyond the tree size {size}");
        try
        {
            var tree = new TileTree(source, size);
            var proof = tree.Inclusion(index);
            var leaf = tree.LeafHash(index);
            var root = expectedRoot.ToArray();
            if (ProofVerifier.VerifyInclusion(index, size, leaf, proof, root) is { } error) return Parsed<InclusionProof>.Fail($"the tiles do not prove entry {index}: {error.Message}");
            var bundle = TileReads.ReadBundle(source, index / TilePaths.Width, (int)Math.Min(TilePaths.Width, size - (index / TilePaths.Width * TilePaths.Width)));
            byte[]? entry = null;
            if (bundle is not null && EntryBundle.Parse(bundle, index / TilePaths.Width * TilePaths.Width) is { Ok: true } entries)
            {
                entry = entries.Value[(int)(index % TilePaths.Width)];
                if (!TreeHasher.HashLeaf(entry).AsSpan().SequenceEqual(leaf)) return Parsed<InclusionProof>.Fail($"entry {index} does not hash to its tile hash");
            }

            return Parsed<InclusionProof>.Success(new InclusionProof(index, size, leaf, root, proof, entry));
        }
        catch (LedgerDataException ex)
        {
            return Parsed<InclusionProof>.Fail(ex.Message);
        }
    }

    /// <summary>
    /// Checks that <paramref name="newer"/> extends <paramref name="older"/>: both signed by the log, and a
    /// consistency proof built from the log's tiles verifies between their roots.
    /// </summary>
    public static Parsed<AuditResult> Audit(ITileSource source, byte[] older, byte[] newer, string origin, INoteVerifier log, WitnessPolicy? policy)
    {
        var a = SignedCheckpoint.Open(older, origin, log, policy, "OLD");
        if (!a.Ok) return Parsed<AuditResult>.Fail(a.Error);
        var b = SignedCheckpoint.Open(newer, origin, log, policy, "NEW");
        if (!b.Ok) return Parsed<AuditResult>.Fail(b.Error);
        ulong size1 = a.Value.Checkpoint.Size, size2 = b.Value.Checkpoint.Size;
        if (size1 > size2) return Parsed<AuditResult>.Fail($"OLD ({size1}) is larger than NEW ({size2}); give the older checkpoint first");
        List<byte[]> proof = [];
        if (size1 > 0 && size1 < size2)
        {
            try
            {
                proof = new TileTree(source, size2).Consistency(size1);
            }
            catch (LedgerDataException ex)
            {
                return Parsed<AuditResult>.Fail("cannot build the consistency proof: " + ex.Message);
            }
        }

        if (size1 == 0)
        {
            if (!a.Value.Checkpoint.RootHash.AsSpan().SequenceEqual(TreeHasher.EmptyRoot())) return Parsed<AuditResult>.Fail("OLD has size 0 but not the empty root");
            return Parsed<AuditResult>.Success(new AuditResult(a.Value, b.Value, proof));
        }

        var error = ProofVerifier.VerifyConsistency(size1, size2, a.Value.Checkpoint.RootHash, b.Value.Checkpoint.RootHash, proof);
        return error is null
            ? Parsed<AuditResult>.Success(new AuditResult(a.Value, b.Value, proof))
            : Parsed<AuditResult>.Fail($"NEW is not consistent with OLD: {error.Message}");
    }

    /// <summary>A c2sp.org/tlog-proof@v1 text: index, proof hashes, a blank line, the checkpoint note.</summary>
    public static string FormatTlogProof(InclusionProof proof, string checkpointNote)
    {
        ArgumentNullException.ThrowIfNull(proof);
        var sb = new StringBuilder("c2sp.org/tlog-proof@v1\n");
        sb.Append("index ").Append(proof.Index.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var h in proof.Proof) sb.Append(Convert.ToBase64String(h)).Append('\n');
        return sb.Append('\n').Append(checkpointNote).ToString();
    }

    private static IEnumerable<VerifyProblem> CheckRoot(ITileSource source, Checkpoint checkpoint, string what)
    {
        byte[] root;
        try
        {
            root = new TileTree(source, checkpoint.Size).Root();
        }
        catch (LedgerDataException ex)
        {
            return [new VerifyProblem(0, $"{what}: {ex.Message}")];
        }

        return root.AsSpan().SequenceEqual(checkpoint.RootHash) ? [] : [new VerifyProblem(0, $"{what}: the tiles give another root for size {checkpoint.Size}")];
    }
}

internal sealed record LedgerVerification(SignedCheckpoint? Published, ulong LatestSize, IReadOnlyList<VerifyProblem> Problems)
{
    public bool Ok => Problems.Count == 0 && Published is not null;
}

internal sealed record InclusionProof(ulong Index, ulong Size, byte[] LeafHash, byte[] Root, IReadOnlyList<byte[]> Proof, byte[]? Entry);

internal sealed record AuditResult(SignedCheckpoint Older, SignedCheckpoint Newer, IReadOnlyList<byte[]> Proof);
