using System.Text.Json;

namespace Ensuresec.Workflows.Checking;

/// <summary>The report as JSON (snake_case), for <c>ensuresec check --json</c>.</summary>
internal static class CheckReportJson
{
    public static void Write(Stream stream, CheckReport r)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("workflow", r.Workflow);
        w.WriteString("file", r.File);
        w.WriteString("result", r.AnyFailed ? "fails" : r.AllHold ? "holds" : "unknown");
        w.WriteBoolean("complete", r.Complete);
        if (r.StopReason is not null) w.WriteString("stop_reason", r.StopReason);
        w.WriteNumber("states", r.States);
        w.WriteNumber("transitions", r.Transitions);
        w.WriteNumber("end_states", r.Deadlocks);
        w.WriteNumber("explore_seconds", Math.Round(r.ExploreTime.TotalSeconds, 6));
        w.WriteNumber("total_seconds", Math.Round(r.TotalTime.TotalSeconds, 6));
        w.WriteNumber("states_per_second", Math.Round(r.StatesPerSecond));
        w.WriteNumber("memory_bytes", r.MemoryBytes);
        w.WriteStartArray("properties");
        foreach (var p in r.Properties)
        {
            w.WriteStartObject();
            w.WriteString("name", p.Name);
            w.WriteString("formula", p.Formula);
            w.WriteString("kind", p.Safety ? "safety" : "ltl");
            w.WriteBoolean("fair", p.Fair);
            w.WriteString("verdict", p.Verdict switch { Verdict.Holds => "holds", Verdict.Fails => "fails", _ => "unknown" });
            if (p.Note is not null) w.WriteString("note", p.Note);
            if (!p.Safety) w.WriteNumber("product_states", p.ProductStates);
            if (p.Counterexample is { } t)
            {
                w.WriteStartObject("counterexample");
                w.WriteNumber("cycle_start", t.CycleStart);
                w.WriteStartArray("steps");
                foreach (var s in t.Steps)
                {
                    w.WriteStartObject();
                    w.WriteString("action", s.Action);
                    w.WriteStartObject("state");
                    foreach (var kv in s.State) w.WriteString(kv.Key, kv.Value);
                    w.WriteEndObject();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
