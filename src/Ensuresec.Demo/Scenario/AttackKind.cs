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
}
