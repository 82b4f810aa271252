using System.Collections.Frozen;

namespace Ensuresec.Ingest;

/// <summary>The dotted ECS (or our own) name of each mapped field.</summary>
internal static class EcsFieldNames
{
    public const string Timestamp = "@timestamp";

    public static readonly FrozenDictionary<string, EcsField> ByName = new Dictionary<string, EcsField>(StringComparer.Ordinal)
    {
        [Timestamp] = EcsField.Timestamp,
        ["event.id"] = EcsField.Id,
        ["event.kind"] = EcsField.Kind,
        ["event.category"] = EcsField.Category,
        ["event.action"] = EcsField.Action,
        ["event.outcome"] = EcsField.Outcome,
        ["event.dataset"] = EcsField.Dataset,
        ["source.ip"] = EcsField.SourceIp,
        ["user.name"] = EcsField.UserName,
        ["user.email"] = EcsField.UserEmail,
        ["http.request.method"] = EcsField.HttpMethod,
        ["url.path"] = EcsField.UrlPath,
        ["url.query"] = EcsField.UrlQuery,
        ["url.original"] = EcsField.UrlOriginal,
        ["http.version"] = EcsField.HttpVersion,
        ["http.response.status_code"] = EcsField.StatusCode,
        ["http.response.body.bytes"] = EcsField.ResponseBytes,
        ["http.request.referrer"] = EcsField.Referrer,
        ["user_agent.original"] = EcsField.UserAgent,
        ["payment.amount"] = EcsField.PaymentAmount,
        ["payment.currency"] = EcsField.PaymentCurrency,
        ["payment.card.fingerprint"] = EcsField.CardFingerprint,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static readonly FrozenDictionary<EcsField, string> ByField = ByName.ToFrozenDictionary(kv => kv.Value, kv => kv.Key);
}
