using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;

namespace Ensuresec.Response.Tests;

internal static class TestIncidents
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    public static Incident Make(string id, Severity severity, IReadOnlyList<Entity> entities, params (string Rule, Severity Severity)[] steps) => new()
    {
        Id = id,
        Title = "test incident",
        Severity = severity,
        FirstSeen = T0,
        LastSeen = T0.AddMinutes(steps.Length),
        Entities = entities,
        FindingIds = steps.Select((s, i) => $"f{i}").ToList(),
        Techniques = ["T1110"],
        Story = steps.Select((s, i) => new IncidentStep(T0.AddMinutes(i), $"f{i}", s.Rule, "T1110", s.Severity, $"{s.Rule} fired")).ToList(),
    };

    public static Incident Stuffing(string id = "inc-1", Severity severity = Severity.High) =>
        Make(id, severity, [Entity.Ip("203.0.113.7"), Entity.User("alice")], ("ES-AUTH-001", Severity.High), ("ES-ATO-002", Severity.High));
}
