using System.Globalization;
using System.Text.Json;
using Ensuresec.Response.Cacao;
using Ensuresec.Response.History;
using Ensuresec.Response.Mitigations;

namespace Ensuresec.Response;

/// <summary>JSON of mitigations, runs and playbook problems, shared by the HTTP API and the CLI's --json output.</summary>
public static class ResponseJson
{
    public static void WriteMitigation(Utf8JsonWriter w, Mitigation m)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(m);
        w.WriteStartObject();
        w.WriteString("id", m.Id);
        w.WriteString("incident_id", m.IncidentId);
        w.WriteString("mitigation", m.EntryId);
        w.WriteString("title", m.Title);
        w.WriteString("playbook", m.Playbook);
        if (m.Target is { } t)
        {
            w.WriteStartObject("target");
            w.WriteString("kind", t.Kind);
            w.WriteString("value", t.Value);
            if (m.TargetRole is not null) w.WriteString("role", m.TargetRole);
            w.WriteEndObject();
        }

        w.WriteNumber("score", m.Score);
        w.WriteString("reason", m.Reason);
        w.WriteString("expected_effect", m.ExpectedEffect);
        w.WriteBoolean("automatic", m.Automatic);
        w.WriteBoolean("has_recovery", m.HasRecovery);
        w.WriteEndObject();
    }

    public static void WriteRun(Utf8JsonWriter w, RunRecord r)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(r);
        w.WriteStartObject();
        w.WriteString("run_id", r.RunId);
        w.WriteString("incident_id", r.IncidentId);
        w.WriteString("mitigation_id", r.MitigationId);
        w.WriteString("playbook", r.Playbook);
        w.WriteString("kind", r.Kind.ToString().ToLowerInvariant());
        w.WriteString("started_by", r.StartedBy);
        w.WriteString("started", r.Started.ToString("O", CultureInfo.InvariantCulture));
        w.WriteString("finished", r.Finished.ToString("O", CultureInfo.InvariantCulture));
        w.WriteBoolean("succeeded", r.Succeeded);
        if (r.Error is not null) w.WriteString("error", r.Error);
        if (r.ExpectedEffect is not null) w.WriteString("expected_effect", r.ExpectedEffect);
        if (r.EffectInPlace is { } inPlace) w.WriteBoolean("effect_in_place", inPlace);
        if (r.EffectGone is { } gone) w.WriteBoolean("effect_gone", gone);
        w.WriteStartArray("actions");
        foreach (var s in r.Steps)
        {
            w.WriteStartObject();
            w.WriteString("step_id", s.StepId);
            w.WriteString("step", s.StepName);
            w.WriteString("kind", s.Kind);
            w.WriteString("status", s.Status.ToString().ToLowerInvariant());
            w.WriteString("detail", s.Detail);
            w.WriteString("at", s.At.ToString("O", CultureInfo.InvariantCulture));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WriteProblem(Utf8JsonWriter w, PlaybookProblem p)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(p);
        w.WriteStartObject();
        w.WriteString("level", p.Level == ProblemLevel.Error ? "error" : "warning");
        w.WriteString("source", p.Source);
        w.WriteString("path", p.Path);
        w.WriteString("message", p.Message);
        w.WriteEndObject();
    }

    /// <summary>Writes JSON to a string with a writer callback (indented for people).</summary>
    public static string ToText(Action<Utf8JsonWriter> write, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
        {
            write(w);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
