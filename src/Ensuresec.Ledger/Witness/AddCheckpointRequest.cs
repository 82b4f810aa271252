using System.Globalization;
using Ensuresec.Ledger.Checkpoints;
using Ensuresec.Ledger.Notes;

namespace Ensuresec.Ledger.Witness;

/// <summary>The body of a c2sp.org/tlog-witness add-checkpoint request: "old N", up to 63 proof lines, a blank line, a checkpoint note.</summary>
internal sealed record AddCheckpointRequest(ulong OldSize, List<byte[]> Proof, string Note)
{
    public const int MaxProofLines = 63;

    public static Parsed<AddCheckpointRequest> Parse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        int blank = body.IndexOf("\n\n", StringComparison.Ordinal);
        if (blank < 0) return Parsed<AddCheckpointRequest>.Fail("no blank line between the proof and the checkpoint");
        var lines = body[..blank].Split('\n');
        if (!lines[0].StartsWith("old ", StringComparison.Ordinal) || !Checkpoint.TryParseSize(lines[0][4..], out ulong old)) return Parsed<AddCheckpointRequest>.Fail("the first line is \"old <size>\"");
        if (lines.Length - 1 > MaxProofLines) return Parsed<AddCheckpointRequest>.Fail($"more than {MaxProofLines} proof lines");
        var proof = new List<byte[]>();
        for (int i = 1; i < lines.Length; i++)
        {
            var hash = KeyNames.DecodeBase64(lines[i]);
            if (hash is not { Length: 32 }) return Parsed<AddCheckpointRequest>.Fail($"proof line {i.ToString(CultureInfo.InvariantCulture)} is not a base64 SHA-256 hash");
            proof.Add(hash);
        }

        return Parsed<AddCheckpointRequest>.Success(new AddCheckpointRequest(old, proof, body[(blank + 2)..]));
    }

    public string Format()
    {
        var sb = new System.Text.StringBuilder("old ").Append(OldSize.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var h in Proof) sb.Append(Convert.ToBase64String(h)).Append('\n');
        return sb.Append('\n').Append(Note).ToString();
    }
}
