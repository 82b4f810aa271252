namespace Ensuresec.Config;

/// <summary>retention: how long the store keeps raw events once processed (findings and incidents are kept).</summary>
public sealed class RetentionSection
{
    public TimeSpan Events { get; init; } = TimeSpan.FromDays(30);

    internal void Validate(List<string> errors)
    {
        if (Events < TimeSpan.FromHours(1)) errors.Add("retention.events: must be at least 1h");
    }
}
