using Ensuresec.Ledger.Notes;

namespace Ensuresec.Ledger.Log;

/// <summary>
/// Publishes the latest checkpoint: asks every witness of the policy that has a URL for a cosignature (in parallel),
/// and writes the cosigned note as the public <c>checkpoint</c> only when the policy's quorum is met.
/// </summary>
internal sealed class CheckpointPublisher(LedgerFolder folder, Witness.WitnessClient client)
{
    public async Task<PublishResult> PublishAsync(CancellationToken ct)
    {
        var latest = folder.Latest();
        if (!latest.Ok) return new PublishResult(false, 0, [], [("log", latest.Error)]);
        var checkpoint = latest.Value;
        var witnesses = folder.Policy.Witnesses.Values.Where(w => w.Url is not null).ToList();
        var tree = new Tiles.TileTree(folder.Store, checkpoint.Checkpoint.Size);
        var answers = await Task.WhenAll(witnesses.Select(async w => (w.Name, Answer: await client.CosignAsync(w.Url!, w.Verifier, checkpoint.Note, tree, ct).ConfigureAwait(false)))).ConfigureAwait(false);
        var cosigned = answers.Where(a => a.Answer.Ok).ToList();
        var failures = answers.Where(a => !a.Answer.Ok).Select(a => (a.Name, a.Answer.Error!)).ToList();
        var names = cosigned.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        if (!folder.Policy.IsSatisfied(names)) return new PublishResult(false, checkpoint.Checkpoint.Size, [.. names], failures);

        var split = SignedNote.Split(checkpoint.Note);
        string note = SignedNote.Sign(split.Value.Text, [], [.. split.Value.Signatures, .. cosigned.Select(a => a.Answer.Value!)]);
        folder.PublishNote(note);
        return new PublishResult(true, checkpoint.Checkpoint.Size, [.. names], failures);
    }
}

/// <summary>Whether a checkpoint was published, of what size, who cosigned it and which witnesses failed (and why).</summary>
internal sealed record PublishResult(bool Published, ulong Size, IReadOnlyList<string> Cosigners, IReadOnlyList<(string Witness, string Error)> Failures);
