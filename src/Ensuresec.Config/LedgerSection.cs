namespace Ensuresec.Config;

/// <summary>ledger: the evidence ledger the server keeps (docs/LEDGER.md).</summary>
public sealed class LedgerSection
{
    /// <summary>Record findings, incidents and response actions in the ledger and serve it under /ledger/.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The ledger folder; empty: &lt;data&gt;/ledger.</summary>
    public string Folder { get; init; } = "";

    /// <summary>The log's private note key (PRIVATE+KEY+…); empty: &lt;folder&gt;/log.key, created with the ledger.</summary>
    public string SigningKey { get; init; } = "";

    /// <summary>The c2sp.org/tlog-policy file; empty: &lt;folder&gt;/policy.</summary>
    public string WitnessPolicy { get; init; } = "";

    /// <summary>The log's name (checkpoint origin) when the server creates the ledger and its key.</summary>
    public string Origin { get; init; } = "ensuresec.local/ledger";

    /// <summary>Most entries committed (one fsync) together.</summary>
    public int BatchSize { get; init; } = 1024;

    /// <summary>How long a commit waits for more entries to join it (0s: at once; entries that arrive during an fsync join the next one anyway).</summary>
    public TimeSpan BatchLatency { get; init; } = TimeSpan.Zero;

    /// <summary>How often checkpoints are sent to the policy's witnesses.</summary>
    public TimeSpan PublishInterval { get; init; } = TimeSpan.FromSeconds(10);

    internal void Validate(List<string> errors)
    {
        if (BatchSize is < 1 or > 65_536) errors.Add("ledger.batch-size: must be between 1 and 65536");
        if (BatchLatency < TimeSpan.Zero || BatchLatency > TimeSpan.FromSeconds(10)) errors.Add("ledger.batch-latency: must be between 0s and 10s");
        if (PublishInterval < TimeSpan.FromSeconds(1) || PublishInterval > TimeSpan.FromDays(1)) errors.Add("ledger.publish-interval: must be between 1s and 1d");
        if (Origin.Length == 0 || Origin.Length > 200 || Origin.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '+')) errors.Add("ledger.origin: must be a non-empty name without spaces or '+' (e.g. shop.example/ledger)");
        Path("ledger.folder", Folder, mustExist: false, errors);
        Path("ledger.signing-key", SigningKey, mustExist: true, errors);
        Path("ledger.witness-policy", WitnessPolicy, mustExist: true, errors);
    }

    private static void Path(string key, string value, bool mustExist, List<string> errors)
    {
        if (value.Length == 0) return;
        if (value.Any(char.IsControl)) errors.Add($"{key}: has control characters");
        else if (mustExist && !File.Exists(value)) errors.Add($"{key}: no file at {value}");
    }
}
