namespace Ensuresec.Demo.Scenario;

/// <summary>The attacks of the retailer use case.</summary>
public enum AttackKind
{
    /// <summary>Reconnaissance and forced browsing: many 404s on sensitive paths.</summary>
    Reconnaissance,

    /// <summary>Credential stuffing: a leaked list of accounts tried from a botnet.</summary>
    CredentialStuffing,

    /// <summary>Password spraying: a few common passwords over many real accounts.</summary>
    PasswordSpraying,

    /// <summary>Account takeover: a stuffed account logged into, then its e-mail and address changed.</summary>
    AccountTakeover,

    /// <summary>A request flood on the search page.</summary>
    SearchFlood,

    /// <summary>Card testing: many small payments with distinct cards, mostly declined.</summary>
    CardTesting,

    /// <summary>Card-not-present fraud: a fresh account pays with stolen cards from abroad, shipping elsewhere.</summary>
    PaymentFraud,

    /// <summary>An insider approves refunds of customers' payments to a card of their own.</summary>
    RefundFraud,

    /// <summary>Pharmacy: a refrigerated van's temperature drifts or its reefer is cycled off.</summary>
    ColdChainBreak,

    /// <summary>Pharmacy: a van leaves its planned corridor (a detour).</summary>
    RouteDeviation,

    /// <summary>Pharmacy: a van stops off its route and its cargo door is opened there.</summary>
    CargoTheft,

    /// <summary>Pharmacy: a parcel's seal is swapped between two scans.</summary>
    SealSwap,

    /// <summary>Pharmacy: a courier marks parcels delivered that never arrived.</summary>
    CourierTheft,

    /// <summary>Pharmacy: a customer claims non-delivery of parcels that did arrive.</summary>
    ClaimFraud,

    /// <summary>Pharmacy: a temperature logger or tracker is spoofed (replayed, frozen or teleporting).</summary>
    SensorSpoofing,

    /// <summary>Bank: a skimmer fitted to an ATM (tamper, door or vibration signals).</summary>
    AtmSkimming,

    /// <summary>Bank: the skimmed cards tested and used online (card not present).</summary>
    CardNotPresent,

    /// <summary>Bank: an insider approves refunds to accounts they control.</summary>
    InsiderRefund,

    /// <summary>Promotion abuse: one person redeems a first-order or referral promotion through several new accounts.</summary>
    PromotionAbuse,

    /// <summary>A burst of new accounts from one network, device or e-mail pattern.</summary>
    AccountBurst,

    /// <summary>Bank: a lookalike of the bank's domain phishes customers, whose accounts are then taken over.</summary>
    PhishingTakeover,
}
