using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Ensuresec.Ingest;

namespace Ensuresec.Bench.Parsers;

/// <summary>One ECS JSON line to an event: our reader-based parser against parsing into a JsonNode tree first.</summary>
[MemoryDiagnoser]
public class JsonEventParserBenchmarks
{
    private byte[] _line = [];

    [GlobalSetup]
    public void Setup() => _line = Encoding.UTF8.GetBytes(
        "{\"@timestamp\":\"2024-05-01T10:00:00.123Z\",\"event\":{\"id\":\"p-1\",\"kind\":\"event\",\"category\":[\"web\"],\"action\":\"payment-attempt\",\"outcome\":\"failure\"}," +
        "\"source\":{\"ip\":\"203.0.113.7\"},\"user\":{\"name\":\"alice\",\"email\":\"alice@example.com\"},\"payment\":{\"amount\":12.5,\"currency\":\"EUR\",\"card\":{\"fingerprint\":\"fp-9\"}}," +
        "\"order\":{\"id\":\"o-17\",\"items\":3}}");

    [Benchmark(Baseline = true)]
    public string? JsonNodeTree()
    {
        var node = JsonNode.Parse(_line)!.AsObject();
        return node["source"]?["ip"]?.GetValue<string>();
    }

    [Benchmark]
    public string? Ensuresec() => JsonEventParser.Default.TryParse(_line, "f", 1, out var e, out _) ? e.SourceIp : null;

    [Benchmark]
    public byte[] WriteBack()
    {
        JsonEventParser.Default.TryParse(_line, "f", 1, out var e, out _);
        return SecurityEventJson.ToUtf8Bytes(e!);
    }
}
