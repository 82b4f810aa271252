using Ensuresec.Physical.Common;

namespace Ensuresec.Physical.Parcels;

/// <summary>Settings of the delivery-claims detector (YAML: detectors.delivery-claims).</summary>
public sealed record DeliveryClaimsOptions
{
    public bool Enabled { get; init; } = true;

    /// <summary>Period over which a courier's or route's deliveries and claims are counted.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromDays(14);

    /// <summary>Fewest claims against one courier or route before its loss rate is judged (one lost parcel happens).</summary>
    public int MinClaims { get; init; } = 3;

    /// <summary>Highest normal share of a courier's or route's deliveries that end in a non-delivery claim.</summary>
    public double MaxLossRate { get; init; } = 0.02;

    /// <summary>Period over which one customer's claims are counted.</summary>
    public TimeSpan CustomerWindow { get; init; } = TimeSpan.FromDays(60);

    /// <summary>A customer with this many claims in the window is reported (one claim is a customer who really lost a parcel).</summary>
    public int CustomerMinClaims { get; init; } = 2;

    public IReadOnlyList<OptionProblem> Validate()
    {
        var p = new List<OptionProblem>();
        Check.Positive(p, "window", Window);
        Check.Positive(p, "customer-window", CustomerWindow);
        Check.Range(p, "min-claims", MinClaims, 1, 1_000_000);
        Check.Range(p, "customer-min-claims", CustomerMinClaims, 1, 1_000_000);
        Check.Range(p, "max-loss-rate", MaxLossRate, 0, 1);
        return p;
    }
}
