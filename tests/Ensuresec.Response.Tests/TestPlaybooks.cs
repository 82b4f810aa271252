using System.Text.Json;
using Ensuresec.Response.Cacao;

namespace Ensuresec.Response.Tests;

/// <summary>Builds small CACAO playbooks for tests: steps as (id, JSON body) pairs.</summary>
internal static class TestPlaybooks
{
    public static string Json(string start, params (string Id, string Body)[] steps) =>
        "{\"type\":\"playbook\",\"spec_version\":\"cacao-2.0\",\"id\":\"playbook--00000000-0000-4000-8000-000000000001\",\"name\":\"test\"," +
        "\"created_by\":\"identity--00000000-0000-4000-8000-000000000002\",\"created\":\"2026-01-01T00:00:00Z\",\"modified\":\"2026-01-01T00:00:00Z\"," +
        $"\"workflow_start\":\"{start}\",\"agent_definitions\":{{\"individual--00000000-0000-4000-8000-000000000003\":{{\"type\":\"individual\",\"name\":\"analyst\"}}}}," +
        "\"workflow\":{" + string.Join(",", steps.Select(s => $"\"{s.Id}\":{s.Body}")) + "}}";

    public static CacaoPlaybook Load(string json)
    {
        var load = PlaybookReader.Read(json, "test");
        load.Playbook.ShouldNotBeNull(string.Join("; ", load.Problems));
        return load.Playbook;
    }

    public static string Action(string next, string type, string command, string? content = null, string? outArg = null) =>
        "{\"type\":\"action\",\"agent\":\"individual--00000000-0000-4000-8000-000000000003\",\"on_completion\":\"" + next + "\",\"commands\":[{\"type\":\"" + type + "\",\"command\":" +
        JsonSerializer.Serialize(command) + (content is null ? "" : ",\"content\":" + JsonSerializer.Serialize(content)) + "}]" +
        (outArg is null ? "" : ",\"out_args\":[\"" + outArg + "\"]") + "}";
}
