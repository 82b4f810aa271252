using Ensuresec.Response;
using Ensuresec.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ensuresec.Server.Response;

/// <summary>
/// Runs the mitigations the policy allows on stored incidents, every poll interval, once each (the history
/// remembers). Off unless response.json's auto_run lists mitigations. A failing run is logged and recorded; the loop goes on.
/// </summary>
internal static class AutoResponder
{
    public static void Start(WebApplication app, ResponseRuntime runtime, ServerOptions options)
    {
        if (runtime.Config.AutoRun.Mitigations.Count == 0) return;
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Ensuresec.Response.AutoResponder");
        var stopping = app.Lifetime.ApplicationStopping;
        app.Lifetime.ApplicationStarted.Register(() => _ = Task.Run(async () =>
        {
            var store = app.Services.GetRequiredService<EnsuresecStore>();
            var interval = TimeSpan.FromTicks(Math.Max(options.ProcessorPollInterval.Ticks, TimeSpan.FromSeconds(1).Ticks));
            while (!stopping.IsCancellationRequested)
            {
                try
                {
                    foreach (var incident in IncidentLookup.All(store).Where(i => i.Severity >= runtime.Config.AutoRun.MinSeverity).ToList())
                    {
                        foreach (var run in await runtime.Service.AutoRespondAsync(incident, stopping).ConfigureAwait(false))
                            log.LogInformation("auto-response {Playbook} on incident {Incident}: {Outcome}", run.Playbook, incident.Id, run.Succeeded ? "succeeded" : run.Error);
                    }
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e) when (e is InvalidOperationException or IOException or Microsoft.Data.Sqlite.SqliteException)
                {
                    log.LogError(e, "auto-response pass failed; retrying next interval");
                }

                try
                {
                    await Task.Delay(interval, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }, stopping));
    }
}
