using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ensuresec.Ledger.Checkpoints;
using Ensuresec.Ledger.Merkle;
using Ensuresec.Ledger.Notes;
using Ensuresec.Ledger.Policy;
using Ensuresec.Ledger.Tiles;

namespace Ensuresec.Ledger.Witness;

/// <summary>
/// A c2sp.org/tlog-witness witness: for each known log (by origin) it keeps the latest checkpoint it cosigned, and
/// cosigns (c2sp.org/tlog-cosignature) a new one only when it is signed by the log and a consistency proof from that
/// checkpoint verifies. Checking the old size and storing the new checkpoint happen under one lock, so two requests
/// can never roll the log back.
/// </summary>
internal sealed class WitnessService
{
    private readonly Ed25519Signer _cosigner;
    private readonly IReadOnlyList<PolicyLog> _logs;
    private readonly ITileStore _state;
    private readonly Lock _lock = new();

    public WitnessService(Ed25519Signer cosigner, IReadOnlyList<PolicyLog> logs, ITileStore state)
    {
        _cosigner = cosigner ?? throw new ArgumentNullException(nameof(cosigner));
        _logs = logs ?? throw new ArgumentNullException(nameof(logs));
        _state = state ?? throw new ArgumentNullException(nameof(state));
    }

    public string VerifierKey => _cosigner.VerifierKey;

    public WitnessResponse AddCheckpoint(string body)
    {
        var request = AddCheckpointRequest.Parse(body);
        if (!request.Ok) return WitnessResponse.Text(400, request.Error + "\n");
        var split = SignedNote.Split(request.Value.Note);
        if (!split.Ok) return WitnessResponse.Text(400, split.Error + "\n");
        var checkpoint = Checkpoint.Parse(split.Value.Text);
        if (!checkpoint.Ok) return WitnessResponse.Text(400, checkpoint.Error + "\n");
        var cp = checkpoint.Value;
        var keys = _logs.Where(l => string.Equals(l.Verifier.Name, cp.Origin, StringComparison.Ordinal)).Select(l => l.Verifier).ToList();
        if (keys.Count == 0) return WitnessResponse.Text(404, "unknown log origin\n");
        var opened = SignedNote.Open(request.Value.Note, keys);
        if (!opened.Ok) return WitnessResponse.Text(403, opened.Error + "\n");
        if (cp.RootHash.Length != TreeHasher.HashSize) return WitnessResponse.Text(400, "the root hash is not 32 bytes\n");
        ulong old = request.Value.OldSize;
        if (old > cp.Size) return WitnessResponse.Text(400, "the old size is larger than the checkpoint size\n");

        lock (_lock)
        {
            var known = Latest(cp.Origin, keys);
            ulong knownSize = known?.Size ?? 0;
            if (old != knownSize) return new WitnessResponse(409, "text/x.tlog.size", knownSize.ToString(CultureInfo.InvariantCulture) + "\n");
            if (cp.Size == 0 && !cp.RootHash.AsSpan().SequenceEqual(TreeHasher.EmptyRoot())) return WitnessResponse.Text(422, "a checkpoint of size 0 has the empty root\n");
            if (old == 0)
            {
                if (request.Value.Proof.Count != 0) return WitnessResponse.Text(422, "a proof from size 0 must be empty\n");
            }
            else if (old == cp.Size)
            {
                if (!known!.RootHash.AsSpan().SequenceEqual(cp.RootHash)) return WitnessResponse.Text(422, "same size, different root hash\n");
            }
            else if (ProofVerifier.VerifyConsistency(old, cp.Size, known!.RootHash, cp.RootHash, request.Value.Proof) is { } error)
            {
                return WitnessResponse.Text(422, "consistency proof: " + error.Message + "\n");
            }

            var signature = new NoteSignature(_cosigner.Name, _cosigner.KeyId, _cosigner.Sign(Encoding.UTF8.GetBytes(opened.Value.Text)));
            string stored = opened.Value.Text + "\n" + string.Concat(opened.Value.Verified.Select(s => s.Line)) + signature.Line;
            _state.WriteAll([new(StatePath(cp.Origin), Encoding.UTF8.GetBytes(stored))]);
            return WitnessResponse.Text(200, signature.Line);
        }
    }

    /// <summary>The monitoring endpoint: the latest cosigned checkpoint of the log whose origin hashes to <paramref name="originHash"/>.</summary>
    public WitnessResponse GetCheckpoint(string originHash)
    {
        if (originHash is null || originHash.Length != 64 || originHash.Any(c => c is not (>= '0' and <= '9' or >= 'a' and <= 'f'))) return WitnessResponse.Text(404, "not found\n");
        var bytes = _state.Read("logs/" + originHash);
        return bytes is null ? WitnessResponse.Text(404, "not found\n") : WitnessResponse.Text(200, Encoding.UTF8.GetString(bytes));
    }

    private Checkpoint? Latest(string origin, List<INoteVerifier> keys)
    {
        var bytes = _state.Read(StatePath(origin));
        if (bytes is null) return null;
        var opened = SignedNote.Open(bytes, keys);
        var parsed = opened.Ok ? Checkpoint.Parse(opened.Value.Text) : default;
        return parsed.Ok ? parsed.Value : throw new LedgerDataException($"the witness state for {origin} is damaged: {opened.Error ?? parsed.Error}");
    }

    private static string StatePath(string origin) => "logs/" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(origin)));
}
