using Ensuresec.Ledger.Notes;

namespace Ensuresec.Ledger.Policy;

/// <summary>
/// A c2sp.org/tlog-policy: the logs accepted, the witnesses known and the quorum of witnesses a checkpoint needs.
/// Groups need k of their n members (witnesses or earlier groups); <c>quorum none</c> needs no witness.
/// </summary>
internal sealed class WitnessPolicy
{
    public const string None = "none";

    internal WitnessPolicy(List<PolicyLog> logs, Dictionary<string, PolicyWitness> witnesses, Dictionary<string, PolicyGroup> groups, string quorum)
    {
        Logs = logs;
        Witnesses = witnesses;
        Groups = groups;
        Quorum = quorum;
    }

    public IReadOnlyList<PolicyLog> Logs { get; }

    public IReadOnlyDictionary<string, PolicyWitness> Witnesses { get; }

    public IReadOnlyDictionary<string, PolicyGroup> Groups { get; }

    public string Quorum { get; }

    /// <summary>True when the witnesses named (those whose cosignatures verified) satisfy the quorum.</summary>
    public bool IsSatisfied(IReadOnlySet<string> cosigned) => Satisfies(Quorum, cosigned);

    /// <summary>The names of the witnesses whose cosignature on the note verifies.</summary>
    public HashSet<string> CosignedBy(string note)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, witness) in Witnesses)
        {
            if (SignedNote.Open(note, [witness.Verifier]).Ok) names.Add(name);
        }

        return names;
    }

    private bool Satisfies(string name, IReadOnlySet<string> cosigned)
    {
        if (string.Equals(name, None, StringComparison.Ordinal)) return true;
        if (Witnesses.ContainsKey(name)) return cosigned.Contains(name);
        var group = Groups[name];
        return group.Members.Count(m => Satisfies(m, cosigned)) >= group.Threshold;
    }
}

internal sealed record PolicyLog(string VerifierKey, INoteVerifier Verifier, string? Url);

internal sealed record PolicyWitness(string Name, string VerifierKey, INoteVerifier Verifier, string? Url);

internal sealed record PolicyGroup(string Name, int Threshold, IReadOnlyList<string> Members);
