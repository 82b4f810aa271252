namespace Ensuresec.Server.Ledger;

/// <summary>The evidence ledger of the server: on by default, in &lt;data&gt;/ledger.</summary>
public sealed record LedgerOptions
{
    /// <summary>Record findings and incidents in the ledger and serve it under /ledger/.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The ledger folder; null: &lt;data&gt;/ledger.</summary>
    public string? Folder { get; init; }

    /// <summary>The log's private note key; null: &lt;folder&gt;/log.key (created with the ledger).</summary>
    public string? SigningKey { get; init; }

    /// <summary>The witness policy file; null: &lt;folder&gt;/policy.</summary>
    public string? WitnessPolicy { get; init; }

    /// <summary>Most entries committed (one fsync) together.</summary>
    public int BatchSize { get; init; } = 1024;

    /// <summary>How long a commit waits for more entries (zero: at once; entries arriving during an fsync join the next commit anyway).</summary>
    public TimeSpan BatchLatency { get; init; } = TimeSpan.Zero;

    /// <summary>The log's name (checkpoint origin) when the server creates the ledger.</summary>
    public string Origin { get; init; } = "ensuresec.local/ledger";

    /// <summary>How often checkpoints are sent to the policy's witnesses (when it names any).</summary>
    public TimeSpan PublishInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>On start, the last this-many findings and incidents in the store are checked and appended if missing (a crash between the store commit and the append).</summary>
    public int CatchUp { get; init; } = 5_000;
}
