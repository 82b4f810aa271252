using System.Text.Json.Nodes;

namespace Ensuresec.Core.Events;

/// <summary>
/// One normalised event. Properties carry the Elastic Common Schema field named in their comment;
/// where ECS has no field, our own names under a domain prefix (payment.*, order.*, ...), see docs/EVENTS.md.
/// Fields the model does not know are kept verbatim in <see cref="Extra"/>.
/// </summary>
public sealed record SecurityEvent
{
    /// <summary>event.id: unique per event; a resend with the same id is the same event.</summary>
    public required string Id { get; init; }

    /// <summary>@timestamp: when it happened. Detection time comes from here, never from the wall clock.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>event.kind (event, alert, metric, state...).</summary>
    public string? Kind { get; init; }

    /// <summary>event.category (web, authentication, iam, ...); ECS allows an array, we keep the first.</summary>
    public string? Category { get; init; }

    /// <summary>event.action, e.g. http-request, user-login, payment-attempt; see <see cref="EventActions"/>.</summary>
    public string? Action { get; init; }

    /// <summary>event.outcome: success, failure or unknown.</summary>
    public string? Outcome { get; init; }

    /// <summary>event.dataset: where it came from (nginx.access, apache.access, shop.app, ...).</summary>
    public string? Dataset { get; init; }

    /// <summary>source.ip (the client as the server saw it).</summary>
    public string? SourceIp { get; init; }

    /// <summary>user.name: the account acted on or acting.</summary>
    public string? UserName { get; init; }

    /// <summary>user.email.</summary>
    public string? UserEmail { get; init; }

    /// <summary>http.request.method.</summary>
    public string? HttpMethod { get; init; }

    /// <summary>url.path.</summary>
    public string? UrlPath { get; init; }

    /// <summary>url.query (without the leading '?').</summary>
    public string? UrlQuery { get; init; }

    /// <summary>http.version.</summary>
    public string? HttpVersion { get; init; }

    /// <summary>http.response.status_code.</summary>
    public int? StatusCode { get; init; }

    /// <summary>http.response.body.bytes.</summary>
    public long? ResponseBytes { get; init; }

    /// <summary>http.request.referrer.</summary>
    public string? Referrer { get; init; }

    /// <summary>user_agent.original.</summary>
    public string? UserAgent { get; init; }

    /// <summary>payment.amount (ours): amount of a payment attempt, in major units of <see cref="PaymentCurrency"/>.</summary>
    public decimal? PaymentAmount { get; init; }

    /// <summary>payment.currency (ours): ISO 4217 code.</summary>
    public string? PaymentCurrency { get; init; }

    /// <summary>payment.card.fingerprint (ours): a stable, non-reversible id of the card (never the PAN).</summary>
    public string? CardFingerprint { get; init; }

    /// <summary>The fields of the input the model has no property for, kept as they came (nested ECS style).</summary>
    public JsonObject? Extra { get; init; }

    /// <summary>Where the event was read from (file:line, or the API batch), for error reports and evidence.</summary>
    public string? Origin { get; init; }
}
