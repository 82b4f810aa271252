using System.Text.Json;
using Ensuresec.Core.Events;

namespace Ensuresec.Response.Tests;

public sealed class ResponseConfigTests
{
    private static (ResponseConfig? Config, string? Error) Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return ResponseConfig.Parse(doc.RootElement, "response.json");
    }

    [Fact]
    public void FullConfig_IsRead()
    {
        var (config, error) = Parse("""
            {"deny_list": {"file": "/etc/nginx/deny.conf", "test_command": ["nginx", "-t"], "reload_command": ["nginx", "-s", "reload"]},
             "webhook": {"allowed_urls": ["https://shop.example/hooks/"], "secret": "0123456789abcdef0123"},
             "email": {"host": "smtp.example", "port": 587, "from": "sec@shop.example"},
             "auto_run": {"mitigations": ["block-address"], "min_severity": "critical"},
             "limits": {"max_steps": 50}}
            """);
        error.ShouldBeNull();
        config!.DenyList!.ReloadCommand.ShouldBe(["nginx", "-s", "reload"]);
        config.Email!.Port.ShouldBe(587);
        config.AutoRun.MinSeverity.ShouldBe(Severity.Critical);
        config.Limits.MaxSteps.ShouldBe(50);
        config.CommandLine.ShouldBeFalse();
    }

    [Theory]
    [InlineData("{\"webhook\": {\"allowed_urls\": [\"https://a.example/\"], \"secret\": \"short\"}}", "webhook.secret")]
    [InlineData("{\"webhook\": {\"allowed_urls\": [\"ftp://a.example/\"], \"secret\": \"0123456789abcdef\"}}", "webhook.allowed_urls")]
    [InlineData("{\"deny_list\": {}}", "deny_list.file")]
    [InlineData("{\"email\": {\"host\": \"h\", \"from\": \"f\", \"port\": 70000}}", "email.port")]
    [InlineData("{\"auto_run\": {\"min_severity\": \"urgent\"}}", "auto_run.min_severity")]
    [InlineData("{\"limits\": {\"max_steps\": -1}}", "limits.max_steps")]
    [InlineData("{\"command_line\": {\"enabled\": \"yes\"}}", "command_line.enabled")]
    public void BadField_IsNamedInTheError(string json, string field)
    {
        var (config, error) = Parse(json);
        config.ShouldBeNull();
        error!.ShouldContain("response.json: " + field);
    }

    [Fact]
    public void MissingFile_IsTheDefault()
    {
        var (config, error) = ResponseConfig.Load(Path.Combine(Path.GetTempPath(), "no-such-dir-ensuresec", "response.json"));
        error.ShouldBeNull();
        config!.Webhook.ShouldBeNull();
    }
}
