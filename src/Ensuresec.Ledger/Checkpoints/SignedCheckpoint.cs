using System.Text;
using Ensuresec.Ledger.Notes;
using Ensuresec.Ledger.Policy;

namespace Ensuresec.Ledger.Checkpoints;

/// <summary>A checkpoint note whose log signature verified, with the witnesses whose cosignatures verified.</summary>
internal sealed record SignedCheckpoint(Checkpoint Checkpoint, string Note, IReadOnlyList<string> Cosigners)
{
    /// <summary>
    /// Opens a checkpoint note: the log signature must verify, the origin must be the log's, the root 32 bytes; with a
    /// policy, its quorum must be met by verified cosignatures. <paramref name="what"/> names the note in errors.
    /// </summary>
    public static Parsed<SignedCheckpoint> Open(byte[] note, string origin, INoteVerifier log, WitnessPolicy? policy, string what)
    {
        ArgumentNullException.ThrowIfNull(note);
        var opened = SignedNote.Open(note, [log]);
        if (!opened.Ok) return Parsed<SignedCheckpoint>.Fail($"{what}: {opened.Error}");
        var checkpoint = Checkpoint.Parse(opened.Value.Text);
        if (!checkpoint.Ok) return Parsed<SignedCheckpoint>.Fail($"{what}: {checkpoint.Error}");
        if (!string.Equals(checkpoint.Value.Origin, origin, StringComparison.Ordinal)) return Parsed<SignedCheckpoint>.Fail($"{what}: origin {checkpoint.Value.Origin} is not {origin}");
        if (checkpoint.Value.RootHash.Length != 32) return Parsed<SignedCheckpoint>.Fail($"{what}: the root hash is not 32 bytes");
        string text = Encoding.UTF8.GetString(note);
        var cosigners = new List<string>();
        if (policy is not null)
        {
            foreach (var (name, witness) in policy.Witnesses)
            {
                var co = SignedNote.Open(note, [witness.Verifier]);
                if (co.Ok) cosigners.Add(name);
                else if (!string.Equals(co.Error, SignedNote.NoVerifiableSignatures, StringComparison.Ordinal)) return Parsed<SignedCheckpoint>.Fail($"{what}: witness {name}: {co.Error}");
            }

            if (!policy.IsSatisfied(cosigners.ToHashSet(StringComparer.Ordinal)))
            {
                return Parsed<SignedCheckpoint>.Fail($"{what}: the witness policy (quorum {policy.Quorum}) is not met; cosigned by {(cosigners.Count == 0 ? "none" : string.Join(", ", cosigners))}");
            }
        }

        return Parsed<SignedCheckpoint>.Success(new SignedCheckpoint(checkpoint.Value, text, cosigners));
    }
}
