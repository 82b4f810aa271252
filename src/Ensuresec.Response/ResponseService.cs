using System.Text.Json;
using Ensuresec.Core.Findings;
using Ensuresec.Response.Execution;
using Ensuresec.Response.History;
using Ensuresec.Response.Library;
using Ensuresec.Response.Mitigations;

namespace Ensuresec.Response;

/// <summary>
/// Responding to an incident: suggests ranked mitigations, runs the one an analyst accepts (or the ones the policy
/// allows), runs recovery and its check, and records every run and action in the incident's history.
/// </summary>
public sealed class ResponseService(PlaybookLibrary library, PlaybookExecutor executor, ResponseHistory history, AutoRunPolicy policy, TimeProvider time)
{
    /// <summary>Called after each run is in the history (the server appends it to the evidence ledger).</summary>
    public Action<RunRecord>? Recorded { get; set; }

    /// <summary>
    /// The incident's findings, for the roles of its accounts (who is the approver, who the customer). The server
    /// and the CLI read them from the store; without it, roles are read from the incident alone.
    /// </summary>
    public Func<Incident, IReadOnlyList<Finding>?>? FindingsOf { get; set; }

    public IReadOnlyList<Mitigation> Suggest(Incident incident) => MitigationRanker.Rank(incident, library, FindingsOf?.Invoke(incident));

    public IReadOnlyList<RunRecord> History(string incidentId) => history.ForIncident(incidentId);

    /// <summary>Runs a suggested mitigation; null when the id is not one of the incident's suggestions.</summary>
    public async Task<RunRecord?> AcceptAsync(Incident incident, string mitigationId, string startedBy, CancellationToken ct)
    {
        var mitigation = Suggest(incident).FirstOrDefault(m => m.Id == mitigationId);
        if (mitigation is null) return null;
        return await RunAsync(mitigation, mitigation.Playbook, RunKind.Response, startedBy, ct).ConfigureAwait(false);
    }

    /// <summary>Runs every suggestion the policy allows that has not already succeeded for this incident.</summary>
    public async Task<IReadOnlyList<RunRecord>> AutoRespondAsync(Incident incident, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var runs = new List<RunRecord>();
        foreach (var m in Suggest(incident).Where(m => policy.Allows(m.EntryId, m.Automatic, incident.Severity)))
        {
            if (history.HasSucceeded(incident.Id, m.Id, RunKind.Response)) continue;
            runs.Add(await RunAsync(m, m.Playbook, RunKind.Response, "policy", ct).ConfigureAwait(false));
        }

        return runs;
    }

    /// <summary>
    /// Runs the mitigation's recovery playbook (undoing the attack's effects), then its check; the check run records
    /// whether the effect is gone. Null when the mitigation is unknown or has no recovery.
    /// </summary>
    public async Task<(RunRecord Recovery, RunRecord? Check)?> RecoverAsync(Incident incident, string mitigationId, string startedBy, CancellationToken ct)
    {
        var mitigation = Suggest(incident).FirstOrDefault(m => m.Id == mitigationId);
        var entry = mitigation is null ? null : library.Entries.First(e => e.Id == mitigation.EntryId);
        if (mitigation is null || entry?.Recovery is null) return null;
        var recovery = await RunAsync(mitigation, entry.Recovery, RunKind.Recovery, startedBy, ct).ConfigureAwait(false);
        if (!recovery.Succeeded || entry.Check is null) return (recovery, null);
        var check = await RunAsync(mitigation, entry.Check, RunKind.Check, startedBy, ct, entry.CheckPasses).ConfigureAwait(false);
        return (recovery, check);
    }

    private async Task<RunRecord> RunAsync(Mitigation m, string playbookName, RunKind kind, string startedBy, CancellationToken ct, string? checkPasses = null)
    {
        var started = time.GetUtcNow();
        var entry = library.Entries.First(e => e.Id == m.EntryId);
        var result = await executor.RunAsync(library.Playbook(playbookName), m.Inputs, ct).ConfigureAwait(false);
        var steps = result.Steps.ToList();
        bool? gone = null, inPlace = null;
        string? error = result.Error;
        if (kind == RunKind.Response && result.Succeeded && entry.Verify is { } verify)
        {
            // The expected effect is checked, not assumed: ask the system that owns it right after the action.
            var check = await executor.RunAsync(library.Playbook(verify), m.Inputs, ct).ConfigureAwait(false);
            steps.AddRange(check.Steps);
            string observed = CheckValue(check.Variables.GetValueOrDefault("__check__"));
            inPlace = check.Succeeded && string.Equals(observed, entry.VerifyPasses, StringComparison.OrdinalIgnoreCase);
            if (!check.Succeeded) error = $"expected effect not confirmed: {verify} failed: {check.Error}";
            else if (inPlace == false) error = $"expected effect not confirmed: {verify} answered '{observed}', expected '{entry.VerifyPasses}'";
        }

        if (kind == RunKind.Check && result.Succeeded)
        {
            string observed = CheckValue(result.Variables.GetValueOrDefault("__check__"));
            gone = string.Equals(observed, checkPasses, StringComparison.OrdinalIgnoreCase);
            if (gone == false) error = $"effect still present: check answered '{observed}', expected '{checkPasses}'";
        }

        var record = new RunRecord
        {
            RunId = "run-" + Guid.CreateVersion7(started).ToString("N"),
            IncidentId = m.IncidentId,
            MitigationId = m.Id,
            Playbook = playbookName,
            Kind = kind,
            StartedBy = startedBy,
            Started = started,
            Finished = time.GetUtcNow(),
            Succeeded = result.Succeeded && gone != false && inPlace != false,
            Error = error,
            EffectGone = gone,
            EffectInPlace = inPlace,
            ExpectedEffect = kind switch
            {
                RunKind.Response => m.ExpectedEffect,
                RunKind.Recovery => entry.RecoveryPurpose,
                _ => $"the attack's effect is gone: {entry.Check} answers '{checkPasses}'",
            },
            Steps = steps,
        };
        history.Add(record);
        Recorded?.Invoke(record);
        return record;
    }

    /// <summary>A check answer: the "status" of a JSON object answer, else the trimmed text.</summary>
    internal static string CheckValue(string? output)
    {
        if (string.IsNullOrWhiteSpace(output)) return "";
        string text = output.Trim();
        if (!text.StartsWith('{')) return text.Length <= 100 ? text : text[..100];
        try
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 16 });
            return doc.RootElement.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }
}
