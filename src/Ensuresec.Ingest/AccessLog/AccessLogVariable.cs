namespace Ensuresec.Ingest;

/// <summary>The nginx variables the parser maps to event fields; anything else is <see cref="Other"/> and goes to Extra.</summary>
internal enum AccessLogVariable
{
    Other,
    RemoteAddr,
    RemoteUser,
    TimeLocal,
    TimeIso8601,
    Msec,
    Request,
    RequestMethod,
    RequestUri,
    Uri,
    Args,
    Status,
    BodyBytesSent,
    BytesSent,
    HttpReferer,
    HttpUserAgent,
    HttpXForwardedFor,
    RequestTime,
    Host,
}
