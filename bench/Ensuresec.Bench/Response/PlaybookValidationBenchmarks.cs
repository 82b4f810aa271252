using BenchmarkDotNet.Attributes;
using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Response.Cacao;
using Ensuresec.Response.Library;
using Ensuresec.Response.Mitigations;

namespace Ensuresec.Bench.Response;

/// <summary>
/// Playbook validation (structure and workflow only, then with the CACAO JSON schemas) of the OASIS spec example,
/// and mitigation ranking for a two-rule incident. Needs ../shared/data (or ENSURESEC_SHARED_DATA) for the CACAO files.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class PlaybookValidationBenchmarks
{
    private string _playbook = "";
    private CacaoSchemas _schemas = null!;
    private Incident _incident = null!;

    [GlobalSetup]
    public void Setup()
    {
        string data = Environment.GetEnvironmentVariable("ENSURESEC_SHARED_DATA") ?? FindSharedData();
        _playbook = File.ReadAllText(Path.Combine(data, "cacao/oasis-tcs-cacao/Examples/CACAO-2.0/spec-3.1-example.json"));
        _schemas = CacaoSchemas.Open(Path.Combine(data, "cacao/cacao-json-schemas-v2.0-cs01/schemas")).Schemas!;
        PlaybookValidator.Validate(_playbook, "warm-up", _schemas);
        var t0 = DateTimeOffset.UnixEpoch;
        _incident = new Incident
        {
            Id = "inc-bench", Title = "bench", Severity = Severity.High, FirstSeen = t0, LastSeen = t0,
            Entities = [Entity.Ip("203.0.113.7"), Entity.User("alice"), Entity.Card("fp-1")],
            FindingIds = ["f1", "f2"], Techniques = ["T1110"],
            Story = [new IncidentStep(t0, "f1", "ES-AUTH-001", "T1110.004", Severity.High, "stuffing"), new IncidentStep(t0, "f2", "ES-PAY-001", "T1657", Severity.Medium, "card testing")],
        };
    }

    [Benchmark(Baseline = true)]
    public bool StructureAndWorkflow() => PlaybookValidator.Validate(_playbook, "spec-3.1", schemas: null).IsValid;

    [Benchmark]
    public bool WithCacaoSchemas() => PlaybookValidator.Validate(_playbook, "spec-3.1", _schemas).IsValid;

    [Benchmark]
    public int RankMitigations() => MitigationRanker.Rank(_incident, PlaybookLibrary.Default).Count;

    private static string FindSharedData()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "..", "shared", "data");
            if (File.Exists(Path.Combine(dir.FullName, "Ensuresec.sln")) && Directory.Exists(candidate)) return Path.GetFullPath(candidate);
        }

        throw new DirectoryNotFoundException("shared data not found; set ENSURESEC_SHARED_DATA");
    }
}
