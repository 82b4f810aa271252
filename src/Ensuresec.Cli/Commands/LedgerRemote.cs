using Ensuresec.Ledger;
using Ensuresec.Ledger.Notes;
using Ensuresec.Ledger.Policy;

namespace Ensuresec.Cli.Commands;

/// <summary>The trust anchor for checking a log from outside: its vkey (--key) and/or a tlog-policy file (--policy).</summary>
internal sealed record LedgerRemote(string Origin, INoteVerifier Log, WitnessPolicy? Policy)
{
    public static Parsed<LedgerRemote> From(string? vkey, string? policyPath)
    {
        WitnessPolicy? policy = null;
        if (policyPath is not null)
        {
            if (!File.Exists(policyPath)) return Parsed<LedgerRemote>.Fail($"--policy: {policyPath} does not exist");
            var parsed = PolicyParser.Parse(File.ReadAllBytes(policyPath));
            if (!parsed.Ok) return Parsed<LedgerRemote>.Fail($"{policyPath}: {parsed.Error}");
            policy = parsed.Value;
        }

        INoteVerifier? log = null;
        if (vkey is not null)
        {
            var parsed = VerifierKeys.Parse(vkey.Trim());
            if (!parsed.Ok) return Parsed<LedgerRemote>.Fail($"--key: {parsed.Error}");
            log = parsed.Value;
        }
        else if (policy is { Logs.Count: > 0 })
        {
            if (policy.Logs.Count > 1) return Parsed<LedgerRemote>.Fail("the policy lists several logs; name one with --key");
            log = policy.Logs[0].Verifier;
        }

        return log is null
            ? Parsed<LedgerRemote>.Fail("give the log's verifier key (--key) or a policy file with a log line (--policy)")
            : Parsed<LedgerRemote>.Success(new LedgerRemote(log.Name, log, policy));
    }
}
