namespace Ensuresec.Config;

/// <summary>sources: how input files are read when the command line does not say.</summary>
public sealed class SourcesSection
{
    /// <summary>An nginx log_format string for access logs; empty means the combined format.</summary>
    public string LogFormat { get; init; } = "";

    /// <summary>event.dataset given to access-log events.</summary>
    public string AccessLogDataset { get; init; } = "nginx.access";

    /// <summary>Longest accepted line of an access log; longer lines are reported and skipped.</summary>
    public int MaxLineBytes { get; init; } = 16 * 1024;

    internal void Validate(List<string> errors)
    {
        if (MaxLineBytes is < 256 or > 16 * 1024 * 1024) errors.Add("sources.max-line-bytes: must be between 256 and 16777216");
        if (string.IsNullOrWhiteSpace(AccessLogDataset)) errors.Add("sources.access-log-dataset: must not be empty");
    }
}
