using System.Globalization;
using System.Net;
using System.Text;
using Ensuresec.Ledger.Notes;
using Ensuresec.Ledger.Tiles;

namespace Ensuresec.Ledger.Witness;

/// <summary>
/// The log's side of c2sp.org/tlog-witness: submits a checkpoint with a consistency proof from the size the witness
/// last cosigned (learnt from a 409 answer when unknown) and returns the cosignature lines that verify.
/// </summary>
internal sealed class WitnessClient(HttpClient http)
{
    private const int MaxResponseBytes = 64 * 1024;
    private readonly Dictionary<string, ulong> _knownSizes = new(StringComparer.Ordinal);

    /// <summary>Asks the witness at <paramref name="url"/> to cosign; the proofs come from <paramref name="tree"/> (the log at the checkpoint's size).</summary>
    public async Task<Parsed<NoteSignature>> CosignAsync(string url, INoteVerifier witness, string note, TileTree tree, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(witness);
        ArgumentNullException.ThrowIfNull(tree);
        ulong old = _knownSizes.GetValueOrDefault(url);
        for (int attempt = 0; attempt < 2; attempt++)
        {
            if (old > tree.Size) return Parsed<NoteSignature>.Fail($"the witness has cosigned size {old}, beyond this log's {tree.Size}");
            List<byte[]> proof;
            try
            {
                proof = old == 0 ? [] : tree.Consistency(old);
            }
            catch (LedgerDataException ex)
            {
                return Parsed<NoteSignature>.Fail(ex.Message);
            }

            string body = new AddCheckpointRequest(old, proof, note).Format();
            using var content = new StringContent(body, Encoding.UTF8, "text/plain");
            HttpResponseMessage response;
            try
            {
                response = await http.PostAsync(new Uri(url.TrimEnd('/') + "/add-checkpoint"), content, ct).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                return Parsed<NoteSignature>.Fail(ex.Message);
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                return Parsed<NoteSignature>.Fail("timed out");
            }

            using (response)
            {
                string text = await ReadLimitedAsync(response, ct).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.Conflict && attempt == 0
                    && Checkpoints.Checkpoint.TryParseSize(text.TrimEnd('\n'), out ulong theirs))
                {
                    old = theirs;
                    continue;
                }

                if (response.StatusCode != HttpStatusCode.OK) return Parsed<NoteSignature>.Fail($"HTTP {(int)response.StatusCode}: {Truncate(text)}");
                var cosigned = SignedNote.Open(note.TrimEnd('\n') + "\n" + text, [witness]);
                if (!cosigned.Ok) return Parsed<NoteSignature>.Fail("the witness's answer does not verify: " + cosigned.Error);
                _knownSizes[url] = tree.Size;
                return Parsed<NoteSignature>.Success(cosigned.Value.Verified[0]);
            }
        }

        return Parsed<NoteSignature>.Fail("the witness keeps changing its size");
    }

    private static async Task<string> ReadLimitedAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        return Encoding.UTF8.GetString(bytes.AsSpan(0, Math.Min(bytes.Length, MaxResponseBytes)));
    }

    private static string Truncate(string s) => (s.Length <= 200 ? s : s[..200]).Trim().Replace('\n', ' ').ToString(CultureInfo.InvariantCulture);
}
