using System.CommandLine;
using System.Text.Json;
using Ensuresec.Cli.Commands;

namespace Ensuresec.Tests.Cli;

/// <summary>`ensuresec assets check`, and `analyze` using the asset map named in the configuration.</summary>
public sealed class AssetsCommandTests : IDisposable
{
    private const string Map = """
        sites:
          - {id: depot-1, kind: depot, position: {lat: 48.0, lon: 11.0}, radius-m: 300}
          - {id: branch-1, kind: branch, position: "48.1,11.2"}
        vehicles:
          - {id: van-1, home: depot-1}
        atms:
          - {id: atm-1, branch: branch-1}
        sensors:
          - {id: temp-1, type: temperature, on: van-1}
          - {id: door-1, type: door, on: van-1}
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("ensuresec-assets-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static async Task<(int Code, string Out, string Err)> RunAsync(Command command, params string[] args)
    {
        var (stdout, stderr) = (Console.Out, Console.Error);
        using var o = new StringWriter();
        using var e = new StringWriter();
        Console.SetOut(o);
        Console.SetError(e);
        try
        {
            int code = await command.Parse(args).InvokeAsync();
            return (code, o.ToString(), e.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }

    [Fact]
    public async Task Check_ValidMap_PrintsASummary_ExitZero_AndJson()
    {
        string map = Write("assets.yaml", Map);
        var (code, text, _) = await RunAsync(AssetsCommand.Create(), "check", map);
        code.ShouldBe(ExitCodes.Ok);
        text.ShouldContain("valid asset map");
        text.ShouldContain("part-of links: 3");

        (code, text, _) = await RunAsync(AssetsCommand.Create(), "check", map, "--json");
        code.ShouldBe(ExitCodes.Ok);
        using var doc = JsonDocument.Parse(text);
        doc.RootElement.GetProperty("valid").GetBoolean().ShouldBeTrue();
        doc.RootElement.GetProperty("counts").GetProperty("sensors").GetInt32().ShouldBe(2);
        doc.RootElement.GetProperty("loading_places").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Check_InvalidMap_NamesFileLineColumnAndKey_ExitTwo()
    {
        string bad = Write("bad.yaml", "sites:\n  - {id: d, kind: depot, position: {lat: 123, lon: 11}}\n");
        var (code, _, err) = await RunAsync(AssetsCommand.Create(), "check", bad);
        code.ShouldBe(ExitCodes.BadUsage);
        err.ShouldContain($"{bad}:2:");
        err.ShouldContain("sites[0].position.lat: 123 is outside -90..90");

        (code, var json, _) = await RunAsync(AssetsCommand.Create(), "check", bad, "--json");
        code.ShouldBe(ExitCodes.BadUsage);
        using var doc = JsonDocument.Parse(json);
        doc.RootElement.GetProperty("valid").GetBoolean().ShouldBeFalse();
        doc.RootElement.GetProperty("errors")[0].GetProperty("key").GetString().ShouldBe("sites[0].position.lat");
    }

    [Fact]
    public async Task Analyze_WithTheConfiguredMap_JudgesADoorWithoutAPlan_AndJoinsTheSensorsFinding()
    {
        string map = Write("assets.yaml", Map);
        string config = Write("ensuresec.yaml", $"assets:\n  map: {map}\n");
        // No route plan: a door opens 2.2 km from the depot; the van's temperature logger then reads out of range,
        // events that name only the sensors (the map attaches them to van-1).
        var lines = new List<string>
        {
            """{"@timestamp":"2026-03-02T08:00:00Z","event.action":"sensor-reading","sensor.id":"door-1","sensor.type":"door","sensor.value":"open","observer.geo.location":{"lat":48.02,"lon":11.0}}""",
        };
        for (int i = 0; i < 40; i++)
        {
            lines.Add($$"""{"@timestamp":"2026-03-02T{{9 + i / 30:00}}:{{i * 2 % 60:00}}:00Z","event.action":"sensor-reading","sensor.id":"temp-1","sensor.type":"temperature","sensor.value":14.5,"sensor.unit":"C","shipment.id":"S9"}""");
        }

        string events = Write("events.ndjson", string.Join('\n', lines) + "\n");
        string report = Path.Combine(_dir, "report.json");
        (await AnalyzeCommand.Create().Parse([events, "--config", config, "--json", report, "--no-progress"]).InvokeAsync()).ShouldBe(0);
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        var findings = doc.RootElement.GetProperty("findings").EnumerateArray().ToList();
        findings.ShouldContain(f => f.GetProperty("rule_id").GetString() == "ES-ROU-003");
        findings.ShouldContain(f => f.GetProperty("rule_id").GetString() == "ES-CCH-001");
        var incident = doc.RootElement.GetProperty("incidents").EnumerateArray().ShouldHaveSingleItem();
        incident.GetRawText().ShouldContain("joined through the asset map: sensor.id temp-1 is attached to sensor.vehicle_id van-1");
    }
}
