using Ensuresec.Detection.Common;

namespace Ensuresec.Detection.Credentials;

/// <summary>Settings of the credential-stuffing detector (YAML: detectors.credential-stuffing).</summary>
public sealed record CredentialStuffingOptions
{
    /// <summary>Whether the detector runs.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Window for stuffing (many accounts from one address) and for anonymous failure bursts.</summary>
    public TimeSpan StuffingWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Distinct accounts one address must try in <see cref="StuffingWindow"/> to be stuffing.</summary>
    public int StuffingMinAccounts { get; init; } = 10;

    /// <summary>Share of the address's attempts that must fail: a NAT of customers mostly succeeds.</summary>
    public double StuffingMinFailureRatio { get; init; } = 0.8;

    /// <summary>Window for password spraying, low and slow.</summary>
    public TimeSpan SprayingWindow { get; init; } = TimeSpan.FromHours(6);

    /// <summary>Distinct accounts one address must try in <see cref="SprayingWindow"/> to be spraying.</summary>
    public int SprayingMinAccounts { get; init; } = 20;

    /// <summary>Share of the attempts that must fail for spraying.</summary>
    public double SprayingMinFailureRatio { get; init; } = 0.9;

    /// <summary>Most attempts on any one account for the pattern to be spraying (a few passwords per account).</summary>
    public int SprayingMaxAttemptsPerAccount { get; init; } = 3;

    /// <summary>Window for password guessing against one account.</summary>
    public TimeSpan GuessingWindow { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Failed logins on one account in <see cref="GuessingWindow"/>, from any address, that make guessing (a customer mistypes a few times).</summary>
    public int GuessingMinFailures { get; init; } = 10;

    /// <summary>Failed logins from one address in <see cref="StuffingWindow"/>, where the account is unknown (access logs), that make a burst.</summary>
    public int AddressBurstMinFailures { get; init; } = 20;

    /// <summary>Site-wide window for thinly spread stuffing (ES-AUTH-005).</summary>
    public TimeSpan SiteWindow { get; init; } = TimeSpan.FromHours(6);

    /// <summary>A failed login is an orphan when its account does not log in successfully within this long (a customer who mistypes does).</summary>
    public TimeSpan SiteOrphanGrace { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Fewest orphan failures in <see cref="SiteWindow"/> that can be spread-out stuffing, whatever the baseline.</summary>
    public int SiteMinOrphans { get; init; } = 30;

    /// <summary>Share of all login attempts in the window that must be orphan failures.</summary>
    public double SiteMinOrphanShare { get; init; } = 0.1;

    /// <summary>The orphan share must also exceed this many times the share learned for the site.</summary>
    public double SiteBaselineMultiplier { get; init; } = 4;

    /// <summary>
    /// The orphan share of this last stretch (before the grace period) must be above the threshold as well, so that a
    /// site-wide report is made while the failures are coming, not from the window's memory of a finished attack.
    /// </summary>
    public TimeSpan SiteRecentWindow { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Fewest distinct addresses the orphans come from (one address is the per-address rules' case).</summary>
    public int SiteMinAddresses { get; init; } = 10;

    /// <summary>Paths whose POST is a login attempt in an access log; 401/403 (<see cref="FailureStatuses"/>) means failure.</summary>
    public IReadOnlyList<string> LoginPaths { get; init; } = ["/login", "/account/login", "/customer/account/loginPost", "/user/login", "/api/auth/login", "/signin", "/my-account"];

    /// <summary>Login pages that answer a failed POST by re-rendering the form with 200 (a success redirects).</summary>
    public IReadOnlyList<string> FormRerenderLoginPaths { get; init; } = ["/wp-login.php"];

    /// <summary>Status codes of a failed login POST.</summary>
    public IReadOnlyList<int> FailureStatuses { get; init; } = [401, 403];

    /// <summary>After a key fired a rule, it fires that rule again only after this long (or when the count grew by <see cref="EscalationFactor"/>).</summary>
    public TimeSpan CoolDown { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Growth of the count that re-fires within the cool-down.</summary>
    public double EscalationFactor { get; init; } = 5;

    /// <summary>Most attempts remembered per address or account.</summary>
    public int MaxEntriesPerKey { get; init; } = 10_000;

    /// <summary>Errors naming the property; empty when the options are usable.</summary>
    public IReadOnlyList<OptionsError> Validate()
    {
        var errors = new List<OptionsError>();
        OptionChecks.Positive(errors, nameof(StuffingWindow), StuffingWindow);
        OptionChecks.AtLeast(errors, nameof(StuffingMinAccounts), StuffingMinAccounts, 2);
        OptionChecks.Ratio(errors, nameof(StuffingMinFailureRatio), StuffingMinFailureRatio);
        OptionChecks.Positive(errors, nameof(SprayingWindow), SprayingWindow);
        OptionChecks.AtLeast(errors, nameof(SprayingMinAccounts), SprayingMinAccounts, 2);
        OptionChecks.Ratio(errors, nameof(SprayingMinFailureRatio), SprayingMinFailureRatio);
        OptionChecks.AtLeast(errors, nameof(SprayingMaxAttemptsPerAccount), SprayingMaxAttemptsPerAccount, 1);
        OptionChecks.Positive(errors, nameof(GuessingWindow), GuessingWindow);
        OptionChecks.AtLeast(errors, nameof(GuessingMinFailures), GuessingMinFailures, 2);
        OptionChecks.AtLeast(errors, nameof(AddressBurstMinFailures), AddressBurstMinFailures, 2);
        OptionChecks.Positive(errors, nameof(SiteWindow), SiteWindow);
        OptionChecks.Positive(errors, nameof(SiteOrphanGrace), SiteOrphanGrace);
        OptionChecks.Positive(errors, nameof(SiteRecentWindow), SiteRecentWindow);
        OptionChecks.AtLeast(errors, nameof(SiteMinOrphans), SiteMinOrphans, 2);
        OptionChecks.Ratio(errors, nameof(SiteMinOrphanShare), SiteMinOrphanShare);
        OptionChecks.AtLeast(errors, nameof(SiteBaselineMultiplier), SiteBaselineMultiplier, 1);
        OptionChecks.AtLeast(errors, nameof(SiteMinAddresses), SiteMinAddresses, 1);
        OptionChecks.NotNull(errors, nameof(LoginPaths), LoginPaths);
        OptionChecks.NotNull(errors, nameof(FormRerenderLoginPaths), FormRerenderLoginPaths);
        OptionChecks.NotNull(errors, nameof(FailureStatuses), FailureStatuses);
        OptionChecks.Positive(errors, nameof(CoolDown), CoolDown);
        OptionChecks.AtLeast(errors, nameof(EscalationFactor), EscalationFactor, 1);
        OptionChecks.AtLeast(errors, nameof(MaxEntriesPerKey), MaxEntriesPerKey, 16);
        return errors;
    }
}
