namespace Ensuresec.Ledger.Log;

/// <summary>The files of a ledger folder besides the C2SP ones (<c>checkpoint</c>, <c>tile/…</c>).</summary>
internal static class LedgerLayout
{
    /// <summary>The log's private key (PRIVATE+KEY+…), readable by the owner only.</summary>
    public const string PrivateKey = "log.key";

    /// <summary>The log's verifier key, for anyone who checks its checkpoints.</summary>
    public const string VerifierKey = "log.vkey";

    /// <summary>The c2sp.org/tlog-policy the published checkpoints must meet.</summary>
    public const string Policy = "policy";

    /// <summary>Held (exclusively locked) by the one process appending.</summary>
    public const string Lock = "state/lock";
}
