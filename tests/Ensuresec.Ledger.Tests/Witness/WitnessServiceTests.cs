using System.Text;
using Ensuresec.Ledger.Checkpoints;
using Ensuresec.Ledger.Merkle;
using Ensuresec.Ledger.Notes;
using Ensuresec.Ledger.Policy;
using Ensuresec.Ledger.Tests.Notes;
using Ensuresec.Ledger.Tests.Tiles;
using Ensuresec.Ledger.Tiles;
using Ensuresec.Ledger.Witness;

namespace Ensuresec.Ledger.Tests.Witness;

public sealed class WitnessServiceTests
{
    private static readonly Ed25519Signer WitnessKey = Ed25519Signer.Parse("PRIVATE+KEY+Wit1+55ee4561+AeadRiG7XM4XiieCHzD8lxysXMwcViy5nYsoXURWGrlE").Value!;

    private static (WitnessService Service, INoteVerifier Cosigner) NewWitness()
    {
        var clock = new FixedClock(1_763_000_000);
        var cosigner = WitnessKey.AsCosigner(clock);
        var logs = new List<PolicyLog> { new(TestLogs.Signer.VerifierKey, TestLogs.Signer.Verifier(), null) };
        return (new WitnessService(cosigner, logs, new MemoryTileStore()), cosigner.Verifier());
    }

    private static string Request(ulong old, IEnumerable<byte[]> proof, string note) => new AddCheckpointRequest(old, proof.ToList(), note).Format();

    [Fact]
    public void AddCheckpoint_FollowsTheProtocolStepByStep()
    {
        var (witness, cosigner) = NewWitness();
        var store = new MemoryTileStore();
        var log = TestLogs.Open(store);
        log.Append(TestLogs.Entries(0, 10));
        string note10 = log.LatestNote;

        var first = witness.AddCheckpoint(Request(0, [], note10));
        first.Status.ShouldBe(200, first.Body);
        SignedNote.Open(note10.TrimEnd('\n') + "\n" + first.Body, [cosigner]).Ok.ShouldBeTrue();

        log.Append(TestLogs.Entries(10, 300));
        string note310 = log.LatestNote;
        var stale = witness.AddCheckpoint(Request(0, [], note310));
        stale.Status.ShouldBe(409);
        stale.ContentType.ShouldBe("text/x.tlog.size");
        stale.Body.ShouldBe("10\n");

        var proof = new TileTree(store, 310).Consistency(10);
        witness.AddCheckpoint(Request(10, proof.Skip(1), note310)).Status.ShouldBe(422);
        witness.AddCheckpoint(Request(10, [.. proof.Take(proof.Count - 1), new byte[32]], note310)).Status.ShouldBe(422);
        witness.AddCheckpoint(Request(400, [], note310)).Status.ShouldBe(400);
        witness.AddCheckpoint(Request(10, proof, note310)).Status.ShouldBe(200);

        // The old checkpoint again: a rollback, refused.
        witness.AddCheckpoint(Request(310, [], note10)).Status.ShouldBe(400);
        witness.AddCheckpoint(Request(10, [], note10)).Status.ShouldBe(409);

        var monitor = witness.GetCheckpoint(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(log.Origin))));
        monitor.Status.ShouldBe(200);
        SignedNote.Open(monitor.Body, [cosigner]).Ok.ShouldBeTrue();
        SignedNote.Open(monitor.Body, [TestLogs.Signer.Verifier()]).Ok.ShouldBeTrue();
        witness.GetCheckpoint("../../etc/passwd").Status.ShouldBe(404);
    }

    [Fact]
    public void AddCheckpoint_ForkedLogWithTheSameKey_IsRefused()
    {
        var (witness, _) = NewWitness();
        var a = TestLogs.Open(new MemoryTileStore());
        a.Append(TestLogs.Entries(0, 5));
        witness.AddCheckpoint(Request(0, [], a.LatestNote)).Status.ShouldBe(200);

        // Same key, same size, other entries: a split view.
        var forkStore = new MemoryTileStore();
        var fork = TestLogs.Open(forkStore);
        fork.Append(TestLogs.Entries(100, 5));
        witness.AddCheckpoint(Request(5, [], fork.LatestNote)).Status.ShouldBe(422);
        fork.Append(TestLogs.Entries(105, 5));
        witness.AddCheckpoint(Request(5, new TileTree(forkStore, 10).Consistency(5), fork.LatestNote)).Status.ShouldBe(422);
    }

    [Fact]
    public void AddCheckpoint_BadRequests_GetTheSpecifiedStatus()
    {
        var (witness, _) = NewWitness();
        var log = TestLogs.Open(new MemoryTileStore());
        log.Append(TestLogs.Entries(0, 3));
        string note = log.LatestNote;
        witness.AddCheckpoint("garbage").Status.ShouldBe(400);
        witness.AddCheckpoint("old -1\n\n" + note).Status.ShouldBe(400);
        witness.AddCheckpoint("old 0\nnot-base64\n\n" + note).Status.ShouldBe(400);
        witness.AddCheckpoint("old 0\n" + string.Concat(Enumerable.Repeat(Convert.ToBase64String(new byte[32]) + "\n", 64)) + "\n" + note).Status.ShouldBe(400);
        witness.AddCheckpoint(Request(0, [new byte[32]], note)).Status.ShouldBe(422);

        var stranger = Ed25519Signer.Generate("other.example/log");
        var strangerNote = SignedNote.Sign(new Checkpoint("other.example/log", 1, new byte[32]).Format(), [stranger]);
        witness.AddCheckpoint(Request(0, [], strangerNote)).Status.ShouldBe(404);

        var impostor = Ed25519Signer.Generate(log.Origin);
        var forged = SignedNote.Sign(new Checkpoint(log.Origin, 3, log.RootHash).Format(), [impostor]);
        witness.AddCheckpoint(Request(0, [], forged)).Status.ShouldBe(403);
        var badSig = note.Replace(note.Split('\n')[^2].Split(' ')[2][..10], "AAAAAAAAAA", StringComparison.Ordinal);
        witness.AddCheckpoint(Request(0, [], badSig)).Status.ShouldBe(403);

        var empty = SignedNote.Sign(new Checkpoint(log.Origin, 0, new byte[32]).Format(), [TestLogs.Signer]);
        witness.AddCheckpoint(Request(0, [], empty)).Status.ShouldBe(422);
        var emptyOk = SignedNote.Sign(new Checkpoint(log.Origin, 0, TreeHasher.EmptyRoot()).Format(), [TestLogs.Signer]);
        witness.AddCheckpoint(Request(0, [], emptyOk)).Status.ShouldBe(200);
    }
}
