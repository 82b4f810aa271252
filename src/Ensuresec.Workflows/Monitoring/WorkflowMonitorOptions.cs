namespace Ensuresec.Workflows.Monitoring;

/// <summary>Settings of the workflow monitor detector (YAML: detectors.workflow-monitor).</summary>
public sealed record WorkflowMonitorOptions
{
    /// <summary>Whether the detector runs.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>
    /// Workflow files whose <c>monitor</c> sections drive the monitors (paths relative to the working directory).
    /// Empty: the shipped order-to-cash workflow (examples/workflows/order-to-cash.wf, embedded).
    /// </summary>
    public List<string> Files { get; init; } = [];

    /// <summary>
    /// A key (an order) without events for this long is judged as finished as it stands: its trace is extended by
    /// repeating its last state forever, liveness properties are decided on that, and its state is dropped.
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Most keys followed per partition; beyond it the longest idle are judged and dropped early.</summary>
    public int MaxKeys { get; init; } = 200_000;

    /// <summary>Most steps kept per key for the trace shown in findings (the first ones are kept).</summary>
    public int MaxTraceSteps { get; init; } = 40;

    /// <summary>Every invalid setting as (key, message); empty when all are valid.</summary>
    public IReadOnlyList<(string Key, string Message)> Validate()
    {
        var errors = new List<(string, string)>();
        if (IdleTimeout <= TimeSpan.Zero) errors.Add(("idle-timeout", $"must be positive (was {IdleTimeout})"));
        if (MaxKeys < 1) errors.Add(("max-keys", $"must be at least 1 (was {MaxKeys})"));
        if (MaxTraceSteps < 2) errors.Add(("max-trace-steps", $"must be at least 2 (was {MaxTraceSteps})"));
        if (Files is null) errors.Add(("files", "must be a list (may be empty)"));
        return errors;
    }
}
