using System.Globalization;

namespace Ensuresec.Detection.Accounts;

/// <summary>
/// The score of a burst of sign-ups and its reasons. The burst fires on how unlikely its count is for its source
/// (<see cref="Poisson"/>); the score then weighs what the accounts have in common: throw-away mail domains,
/// plus-addressing, numbered or machine-made local parts, one device, one name. A burst at the firing line with
/// nothing in common scores about 0.6; with half its accounts at throw-away domains, about 0.9.
/// </summary>
internal static class BurstScore
{
    public const string Surprise = "burst_surprise_log10";
    public const string Disposable = "disposable_domain_share";
    public const string PlusAddressed = "plus_addressed_share";
    public const string Sequential = "numbered_local_part_share";
    public const string RandomLocal = "random_local_part_share";
    public const string SameDevice = "same_device_share";
    public const string SameName = "same_name_share";

    public static ExplainedScore Model { get; } = new(-2.5,
    [
        (Surprise, 0.5, 0), (Disposable, 3.0, 0), (PlusAddressed, 2.5, 0), (Sequential, 2.5, 0), (RandomLocal, 2.0, 0),
        (SameDevice, 2.0, 0), (SameName, 2.0, 0),
    ], Describe);

    public static string Describe(string feature, float value) => feature switch
    {
        Surprise => I($"that many sign-ups from this source had a chance of 1 in 10^{value:0.#} given its history"),
        Disposable => I($"{value * 100:0}% of the addresses are at throw-away mail domains"),
        PlusAddressed => I($"{value * 100:0}% of the addresses are plus-addressed variants of one mailbox"),
        Sequential => I($"{value * 100:0}% of the local parts are one stem with a number"),
        RandomLocal => I($"{value * 100:0}% of the local parts look machine-made"),
        SameDevice => I($"{value * 100:0}% of the accounts were created on one device"),
        SameName => I($"{value * 100:0}% of the accounts carry the same name"),
        _ => I($"{feature} = {value}"),
    };

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
