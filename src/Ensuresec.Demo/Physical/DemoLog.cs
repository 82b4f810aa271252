using System.Globalization;
using System.Text.Json.Nodes;
using Ensuresec.Core.Events;
using Ensuresec.Physical.Telemetry;

namespace Ensuresec.Demo.Physical;

/// <summary>
/// Collects a physical scenario's events with deterministic ids ({scenario}-{seed}-{n}, n in order of creation) and
/// hands them out in time order (creation order among equal times). A week of a pharmacy or a bank fits in memory.
/// </summary>
internal sealed class DemoLog(string scenario, int seed)
{
    private readonly string _prefix = string.Create(CultureInfo.InvariantCulture, $"{scenario}-{seed}-");
    private readonly List<SecurityEvent> _events = new(65_536);
    private long _next;

    public int Count => _events.Count;

    public SecurityEvent Add(DateTimeOffset at, string action, params (string Path, JsonNode? Value)[] fields)
    {
        var e = TelemetryEvent.Create(NextId(), at, action, fields);
        _events.Add(e);
        return e;
    }

    /// <summary>Adds an event built by the caller; its id is replaced by the next one.</summary>
    public SecurityEvent Add(SecurityEvent e)
    {
        var withId = e with { Id = NextId() };
        _events.Add(withId);
        return withId;
    }

    /// <summary>Removes events (a sensor dropout, a spoofed stretch) before they are handed out.</summary>
    public void RemoveAll(Predicate<SecurityEvent> match) => _events.RemoveAll(match);

    public IReadOnlyList<SecurityEvent> InTimeOrder() => _events.Select((e, i) => (e, i)).OrderBy(x => x.e.Timestamp).ThenBy(x => x.i).Select(x => x.e).ToList();

    private string NextId() => _prefix + (_next++).ToString(CultureInfo.InvariantCulture);
}
