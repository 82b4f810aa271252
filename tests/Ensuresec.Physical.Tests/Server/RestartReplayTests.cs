using System.Globalization;
using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Pipeline;
using Ensuresec.Detection.Incidents;
using Ensuresec.Server;
using Ensuresec.Server.Processing;
using Ensuresec.Store;
using Ensuresec.Store.Queries;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ensuresec.Physical.Tests.Server;

/// <summary>A restart replays the findings of the correlator's longest window, so a 3-day asset join survives it.</summary>
public sealed class RestartReplayTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("ensuresec-replay-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(7 * 24, 1)]  // default limit: the 3-day asset window is replayed, Wednesday's finding joins Monday's incident
    [InlineData(1, 2)]       // limited to an hour (the old behaviour): the same ATM is seen in two incidents
    public async Task Restart_BetweenTwoFindingsOnOneAtmTwoDaysApart_KeepsOneIncident(int limitHours, int expectedIncidents)
    {
        await RunServerAsync(limitHours, ("tamper", T0, "atm-03"), ("heartbeat", T0.AddDays(1), null));
        long incidents = await RunServerAsync(limitHours, ("card-used", T0.AddDays(2), "atm-03"));
        incidents.ShouldBe(expectedIncidents);
    }

    /// <summary>Starts a server on the folder (a restart when it ran before), adds one event, waits until it is processed; returns the incidents stored.</summary>
    private async Task<long> RunServerAsync(int limitHours, params (string Id, DateTimeOffset At, string? Atm)[] events)
    {
        var options = new ServerOptions
        {
            DataDirectory = _dir,
            Urls = "http://127.0.0.1:0",
            Detectors = [() => new AtmFindingPerEvent()],
            IncidentBuilder = () => new Builder(new IncidentCorrelator()),
            ProcessorPollInterval = TimeSpan.FromMilliseconds(50),
            MinimumLogLevel = LogLevel.Warning,
            WarmUpMaxFindingWindow = TimeSpan.FromHours(limitHours),
        };
        await using var app = EnsuresecServer.Build(options);
        await app.StartAsync();
        var store = app.Services.GetRequiredService<EnsuresecStore>();
        await Task.Delay(200);
        store.AddEvents(events.Select(e => new EventRecord(e.Id, e.At, "{\"@timestamp\":\"" + e.At.ToString("O", CultureInfo.InvariantCulture)
            + "\",\"event\":{\"id\":\"" + e.Id + "\"}" + (e.Atm is null ? "" : ",\"atm\":{\"id\":\"" + e.Atm + "\"}") + "}")).ToList());
        for (int i = 0; i < 200 && store.CountBacklog() > 0; i++) await Task.Delay(50);
        await Task.Delay(300);
        store.CountBacklog().ShouldBe(0);
        long incidents = store.QueryIncidents(new IncidentQuery()).Total;
        await app.StopAsync();
        return incidents;
    }

    private sealed class Builder(IncidentCorrelator correlator) : IIncidentBuilder
    {
        public Incident? Add(Finding finding, ICollection<string> retiredIds) => correlator.Add(finding, retiredIds);

        public TimeSpan ReplayWindow => correlator.LongestWindow;
    }

    private sealed class AtmFindingPerEvent : IDetector
    {
        public string Name => "atm-test";

        public void SelectKeys(SecurityEvent e, List<DetectorKey> keys) => keys.Add(new DetectorKey(0, "atm"));

        public void Observe(SecurityEvent e, DetectorKey key, IFindingSink findings)
        {
            if (e.GetString("atm.id") is { } atm) findings.Emit(Of(e, atm));
        }

        private Finding Of(SecurityEvent e, string atm) => new()
        {
            Id = "f-" + e.Id, Detector = Name, RuleId = "T-" + e.Id, Severity = Severity.Medium, Confidence = 1, Technique = "T1200",
            Explanation = e.Id, FirstSeen = e.Timestamp, DetectedAt = e.Timestamp, EvidenceEventIds = [e.Id], EvidenceCount = 1,
            Entities = [new Entity(Ensuresec.Physical.Telemetry.AssetKinds.Atm, atm)],
        };

        public void Advance(DateTimeOffset now, IFindingSink findings)
        {
        }
    }
}
