using Ensuresec.Demo.Scenario;

namespace Ensuresec.Demo.Bank;

/// <summary>The ranges the bank's attacks and benign traffic are drawn from (docs/PHYSICAL.md lists them).</summary>
internal static class BankRanges
{
    public const int Atms = 12;
    public const int Customers = 2_500;
    public const int Staff = 5;
    public static readonly IntRange AtmUsesPerDay = new(40, 90);
    public static readonly IntRange OnlinePaymentsPerDay = new(1_200, 1_800);
    public static readonly IntRange RefundsPerDay = new(10, 25);

    // Skimmer: installed at night, left in place for a while, removed (or found at the next service).
    public static readonly DurationRange SkimmerInPlace = new(TimeSpan.FromHours(24), TimeSpan.FromHours(60));
    public static readonly IntRange InstallVibrations = new(3, 5);

    // Card-not-present use of the skimmed cards, 12-48 h after the skimmer went in.
    public static readonly IntRange TestedCards = new(10, 25);
    public static readonly IntRange CashOutCards = new(5, 10);
    public static readonly IntRange CashOutCardsSubtle = new(3, 6);
    public static readonly DoubleRange CashOutAmount = new(150, 900);
    public static readonly IntRange Mules = new(2, 4);

    // Insider: refunds of real payments sent to cards the insider controls.
    public static readonly IntRange InsiderRefunds = new(3, 8);
    public static readonly IntRange InsiderRefundsSubtle = new(2, 2);
}
