using Ensuresec.Core.Findings;
using Ensuresec.Core.Pipeline;
using Ensuresec.Ingest;

namespace Ensuresec.Cli.Analysis;

/// <summary>What one analyze run read and found.</summary>
internal sealed record AnalysisResult
{
    public required IReadOnlyList<string> Files { get; init; }
    public required long Lines { get; init; }
    public required long Events { get; init; }
    public required long BadLines { get; init; }

    /// <summary>The first bad lines, each with file and line (capped; <see cref="BadLines"/> counts them all).</summary>
    public required IReadOnlyList<ParseError> ParseErrors { get; init; }

    /// <summary>Files that could not be opened at all.</summary>
    public required IReadOnlyList<string> FileErrors { get; init; }

    /// <summary>Findings in event-time order.</summary>
    public required IReadOnlyList<Finding> Findings { get; init; }

    public required IReadOnlyList<Incident> Incidents { get; init; }

    public required IReadOnlyCollection<DetectorFault> Faults { get; init; }

    public required TimeSpan Elapsed { get; init; }
}
