using Ensuresec.Demo.Bank;
using Ensuresec.Demo.Pharmacy;
using Ensuresec.Demo.Scenario;

namespace Ensuresec.Demo.Running;

/// <summary>The demo's use cases by name: retail (the retailer web platform), pharmacy and bank.</summary>
public static class DemoScenarios
{
    public const string Retail = "retail";
    public const string Pharmacy = "pharmacy";
    public const string Bank = "bank";

    /// <summary>The bank's own domain in the bank use case: the lookalike-domain detector's brand when the demo runs.</summary>
    public const string BankBrandDomain = "nordbank24.de";

    /// <summary>The names <c>--scenario</c> accepts besides "all", in the order "all" runs them.</summary>
    public static IReadOnlyList<string> Names { get; } = [Retail, Pharmacy, Bank];

    /// <summary>A seed's scenario; <paramref name="benignOnly"/> leaves the attacks out (pharmacy and bank).</summary>
    public static GeneratedScenario Generate(string name, int seed, ScenarioOptions? retailOptions = null, bool benignOnly = false) => name switch
    {
        Retail => RetailerScenario.Generate(seed, benignOnly ? (retailOptions ?? new ScenarioOptions()) with { Attacks = [] } : retailOptions),
        Pharmacy => PharmacyScenario.Generate(seed, benignOnly),
        Bank => BankScenario.Generate(seed, benignOnly),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "retail, pharmacy or bank"),
    };

    /// <summary>A title for reports.</summary>
    public static string Title(string name) => name switch
    {
        Retail => "Retailer use case",
        Pharmacy => "Pharmacy supply-chain use case",
        Bank => "Bank cyber-physical use case",
        _ => name,
    };
}
