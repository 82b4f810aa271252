using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Pipeline;
using Ensuresec.Demo.Scenario;
using Ensuresec.Demo.Scoring;
using Ensuresec.Detection.Incidents;
using Ensuresec.Response.Library;
using Ensuresec.Response.Mitigations;

namespace Ensuresec.Demo.Running;

/// <summary>Generates a seed's scenario, runs it through the detection pipeline and scores the findings.</summary>
public static class DemoRunner
{
    /// <param name="seed">The scenario seed.</param>
    /// <param name="options">Scenario options; defaults if null.</param>
    /// <param name="detectors">One factory per detector, as the pipeline takes them.</param>
    /// <param name="onEvent">Sees every event before the pipeline does (e.g. to write them out); runs on the caller's task.</param>
    /// <param name="pipelineOptions">Pipeline sizes; defaults if null.</param>
    /// <param name="time">Measures the run's duration; <see cref="TimeProvider.System"/> if null.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static async Task<DemoRun> RunAsync(
        int seed,
        ScenarioOptions? options,
        IReadOnlyList<Func<IDetector>> detectors,
        Action<SecurityEvent>? onEvent = null,
        PipelineOptions? pipelineOptions = null,
        TimeProvider? time = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(detectors);
        time ??= TimeProvider.System;
        long started = time.GetTimestamp();
        var scenario = RetailerScenario.Generate(seed, options);
        return await RunAsync(scenario, detectors, onEvent, pipelineOptions, time, started, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs an already generated scenario (the pharmacy or bank one, see <see cref="DemoScenarios"/>) and scores it.</summary>
    public static Task<DemoRun> RunAsync(
        GeneratedScenario scenario,
        IReadOnlyList<Func<IDetector>> detectors,
        Action<SecurityEvent>? onEvent = null,
        PipelineOptions? pipelineOptions = null,
        TimeProvider? time = null,
        CancellationToken cancellationToken = default)
    {
        time ??= TimeProvider.System;
        return RunAsync(scenario, detectors, onEvent, pipelineOptions, time, time.GetTimestamp(), cancellationToken);
    }

    private static async Task<DemoRun> RunAsync(
        GeneratedScenario scenario, IReadOnlyList<Func<IDetector>> detectors, Action<SecurityEvent>? onEvent, PipelineOptions? pipelineOptions,
        TimeProvider time, long started, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(detectors);
        var sink = new CollectingSink();
        long events = 0;
        var pipeline = new DetectionPipeline(detectors, sink, pipelineOptions);
        await using (pipeline.ConfigureAwait(false))
        {
            foreach (var e in scenario.Events)
            {
                onEvent?.Invoke(e);
                await pipeline.WriteAsync(e, cancellationToken).ConfigureAwait(false);
                events++;
            }

            await pipeline.CompleteAsync().ConfigureAwait(false);
        }

        return new DemoRun
        {
            Truth = scenario.Truth,
            Score = Scorecard.Evaluate(scenario.Truth, sink.Findings, suggest: incident => SuggestMitigations(incident, sink.Findings),
                assetLinks: scenario.Assets is { } map ? new AssetMapLinks(map) : null),
            Findings = sink.Findings,
            Events = events,
            Faults = pipeline.Faults,
            Elapsed = time.GetElapsedTime(started),
        };
    }

    // The top three mitigations of the shipped CACAO library for an incident, as the analyst would see them; the
    // findings give each account its role (an approving employee is not a customer).
    private static IReadOnlyList<string> SuggestMitigations(Incident incident, IReadOnlyList<Finding> findings) =>
        MitigationRanker.Rank(incident, PlaybookLibrary.Default, findings)
            .Take(3)
            .Select(m => m.Title)
            .ToArray();
}
