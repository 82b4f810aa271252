using Ensuresec.Detection.Common;

namespace Ensuresec.Detection.Takeover;

/// <summary>Settings of the account-takeover detector (YAML: detectors.account-takeover).</summary>
public sealed record AccountTakeoverOptions
{
    /// <summary>Whether the detector runs.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Failed logins just before a success that make the success suspicious (a customer mistypes two or three times).</summary>
    public int MinFailuresBeforeSuccess { get; init; } = 5;

    /// <summary>
    /// Failed logins before a success that are reported even when they all came from the address that then succeeded
    /// and the account's known network and agent (the owner mistyping); fewer are not a takeover signal.
    /// </summary>
    public int ManyFailuresBeforeSuccess { get; init; } = 10;

    /// <summary>An e-mail change followed within this long by another sensitive change is the profile-hijack pattern (ES-ATO-003).</summary>
    public TimeSpan HijackWindow { get; init; } = TimeSpan.FromHours(3);

    /// <summary>A network first seen on the account this recently (with older networks known) counts as new for the profile-hijack pattern.</summary>
    public TimeSpan NewNetworkAge { get; init; } = TimeSpan.FromHours(48);

    /// <summary>Failures older than this before the success do not count toward the run.</summary>
    public TimeSpan FailureRunWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Successful logins an account needs before a login from an unseen network and agent counts as suspicious. One
    /// login is not a profile: it may have been an attacker's (a sprayed or stuffed password used once), and then the
    /// owner's return from home would look new (a false takeover seen on held-out demo seeds).
    /// </summary>
    public int MinKnownLogins { get; init; } = 2;

    /// <summary>How long after a suspicious login a sensitive change (email, address, password, new card) is tied to it.</summary>
    public TimeSpan ChangeWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Also report a suspicious login after a failure run on its own (ES-ATO-002), before any change.</summary>
    public bool ReportSuccessAfterFailures { get; init; } = true;

    /// <summary>Most networks, agents and cards remembered per account (least recently seen leave first).</summary>
    public int MaxKnownPerAccount { get; init; } = 16;

    /// <summary>Account profiles idle this long are forgotten.</summary>
    public TimeSpan ProfileIdleExpiry { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Most account profiles per partition; new accounts beyond it are not profiled until old ones expire.</summary>
    public int MaxAccounts { get; init; } = 500_000;

    /// <summary>After an account fired a rule, it fires again only after this long unless the severity rises.</summary>
    public TimeSpan CoolDown { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Errors naming the property; empty when the options are usable.</summary>
    public IReadOnlyList<OptionsError> Validate()
    {
        var errors = new List<OptionsError>();
        OptionChecks.AtLeast(errors, nameof(MinFailuresBeforeSuccess), MinFailuresBeforeSuccess, 1);
        OptionChecks.AtLeast(errors, nameof(ManyFailuresBeforeSuccess), ManyFailuresBeforeSuccess, MinFailuresBeforeSuccess);
        OptionChecks.Positive(errors, nameof(HijackWindow), HijackWindow);
        OptionChecks.Positive(errors, nameof(NewNetworkAge), NewNetworkAge);
        OptionChecks.Positive(errors, nameof(FailureRunWindow), FailureRunWindow);
        OptionChecks.AtLeast(errors, nameof(MinKnownLogins), MinKnownLogins, 1);
        OptionChecks.Positive(errors, nameof(ChangeWindow), ChangeWindow);
        OptionChecks.AtLeast(errors, nameof(MaxKnownPerAccount), MaxKnownPerAccount, 1);
        OptionChecks.Positive(errors, nameof(ProfileIdleExpiry), ProfileIdleExpiry);
        OptionChecks.AtLeast(errors, nameof(MaxAccounts), MaxAccounts, 1);
        OptionChecks.Positive(errors, nameof(CoolDown), CoolDown);
        return errors;
    }
}
