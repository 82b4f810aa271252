using Ensuresec.Core.Findings;
using Ensuresec.Detection.Common;
using Ensuresec.Physical.Telemetry;

namespace Ensuresec.Detection.Incidents;

/// <summary>Settings of the incident correlator (YAML: incidents).</summary>
public sealed record CorrelatorOptions
{
    /// <summary>Two findings that share a joinable entity and are at most this far apart (detection time) belong to one incident.</summary>
    public TimeSpan Gap { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Entity kinds findings may join on. Actors (source.ip, user.name) and specific assets (card fingerprints);
    /// url.path is left out on purpose: unrelated attackers hit the same "/" or "/login".
    /// </summary>
    public IReadOnlyList<string> JoinKinds { get; init; } = [EntityKinds.SourceIp, EntityKinds.UserName, EntityKinds.Card];

    /// <summary>
    /// Physical assets findings may join on (a van, a shipment, a parcel, an ATM), with <see cref="AssetGap"/>: what
    /// happens to one asset spreads over hours or days (an ATM skimmed on Monday, its cards used on Wednesday).
    /// </summary>
    public IReadOnlyList<string> AssetJoinKinds { get; init; } = [.. AssetKinds.Joinable, "url.domain"];

    /// <summary>Two findings on the same physical asset at most this far apart belong to one incident.</summary>
    public TimeSpan AssetGap { get; init; } = TimeSpan.FromDays(3);

    /// <summary>
    /// Rules whose finding says an actor was exposed to an attack (a customer who came from a phishing domain,
    /// ES-LKA-002): it joins the later findings on that account or address within <see cref="ExposureWindow"/>,
    /// where no key but the victim joins the phishing to the takeover days later.
    /// </summary>
    public IReadOnlyList<string> ExposureRules { get; init; } = ["ES-LKA-002"];

    /// <summary>How long after an exposure the victim's findings join it.</summary>
    public TimeSpan ExposureWindow { get; init; } = TimeSpan.FromDays(3);

    /// <summary>
    /// Rules whose findings each name one address of a campaign spread over many (a botnet stuffing or spraying the
    /// logins, each address trying other accounts): two findings of the same such rule at most <see cref="CampaignGap"/>
    /// apart belong to one incident whatever their entities, since nothing else they carry is shared.
    /// </summary>
    public IReadOnlyList<string> CampaignRules { get; init; } = ["ES-AUTH-001", "ES-AUTH-002", "ES-AUTH-004"];

    /// <summary>
    /// How close in detection time two findings of one campaign rule must be to join. As long as <see cref="Gap"/>: a
    /// slow spray's addresses each fire about hourly (the detector's cool-down), alternating, so the rule fires every half hour.
    /// </summary>
    public TimeSpan CampaignGap { get; init; } = TimeSpan.FromHours(1);

    /// <summary>An incident with this many distinct rules is raised one severity step.</summary>
    public int EscalateAtDistinctRules { get; init; } = 3;

    /// <summary>An incident with this many findings is raised one severity step (not twice with the rule count).</summary>
    public int EscalateAtFindings { get; init; } = 10;

    /// <summary>Most story steps and finding ids listed in one incident snapshot (the earliest); the rest are still grouped.</summary>
    public int MaxListed { get; init; } = 1_000;

    /// <summary>Most entities listed in one incident snapshot, the most involved first.</summary>
    public int MaxEntities { get; init; } = 100;

    /// <summary>The longest time across which two findings can join: how far back a restart must replay findings to rebuild every incident.</summary>
    public TimeSpan LongestWindow => new[] { Gap, AssetGap, ExposureWindow, CampaignGap }.Max();

    /// <summary>Errors naming the property; empty when the options are usable.</summary>
    public IReadOnlyList<OptionsError> Validate()
    {
        var errors = new List<OptionsError>();
        OptionChecks.Positive(errors, nameof(Gap), Gap);
        OptionChecks.NotNull(errors, nameof(JoinKinds), JoinKinds);
        OptionChecks.NotNull(errors, nameof(AssetJoinKinds), AssetJoinKinds);
        OptionChecks.Positive(errors, nameof(AssetGap), AssetGap);
        OptionChecks.NotNull(errors, nameof(ExposureRules), ExposureRules);
        OptionChecks.Positive(errors, nameof(ExposureWindow), ExposureWindow);
        OptionChecks.NotNull(errors, nameof(CampaignRules), CampaignRules);
        OptionChecks.Positive(errors, nameof(CampaignGap), CampaignGap);
        OptionChecks.AtLeast(errors, nameof(EscalateAtDistinctRules), EscalateAtDistinctRules, 2);
        OptionChecks.AtLeast(errors, nameof(EscalateAtFindings), EscalateAtFindings, 2);
        OptionChecks.AtLeast(errors, nameof(MaxListed), MaxListed, 1);
        OptionChecks.AtLeast(errors, nameof(MaxEntities), MaxEntities, 1);
        return errors;
    }
}
