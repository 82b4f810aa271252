using Ensuresec.Core.Events;
using Ensuresec.Demo.Scenario;

namespace Ensuresec.Tests.Demo;

/// <summary>One small scenario generated once for the tests that only read it.</summary>
internal static class SmallScenario
{
    public const int Seed = 7;

    public static readonly ScenarioOptions Options = new() { Scale = 0.1 };

    private static readonly Lazy<(GroundTruth Truth, IReadOnlyList<SecurityEvent> Events)> Value = new(() =>
    {
        var s = RetailerScenario.Generate(Seed, Options);
        return (s.Truth, s.Events.ToList());
    });

    public static GroundTruth Truth => Value.Value.Truth;

    public static IReadOnlyList<SecurityEvent> Events => Value.Value.Events;

    /// <summary>The fields that make an event, for comparing two generations (Extra is compared by its text).</summary>
    public static string Fingerprint(SecurityEvent e) =>
        $"{e.Id}|{e.Timestamp:O}|{e.Action}|{e.Outcome}|{e.SourceIp}|{e.UserName}|{e.UserEmail}|{e.HttpMethod}|{e.UrlPath}|{e.UrlQuery}|{e.StatusCode}|{e.ResponseBytes}|{e.UserAgent}|{e.PaymentAmount}|{e.CardFingerprint}|{e.Extra?.ToJsonString()}";
}
