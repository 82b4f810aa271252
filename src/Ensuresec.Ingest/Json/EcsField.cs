namespace Ensuresec.Ingest;

/// <summary>The input fields with a property on SecurityEvent; see docs/EVENTS.md.</summary>
internal enum EcsField
{
    Timestamp,
    Id,
    Kind,
    Category,
    Action,
    Outcome,
    Dataset,
    SourceIp,
    UserName,
    UserEmail,
    HttpMethod,
    UrlPath,
    UrlQuery,
    UrlOriginal,
    HttpVersion,
    StatusCode,
    ResponseBytes,
    Referrer,
    UserAgent,
    PaymentAmount,
    PaymentCurrency,
    CardFingerprint,
}
