namespace Ensuresec.Waf.Model;

/// <summary>Where in the request a finding's evidence was.</summary>
public enum RequestPart
{
    RequestLine,
    Method,
    Path,
    QueryName,
    QueryValue,
    HeaderName,
    Header,
    CookieName,
    CookieValue,
    BodyName,
    BodyValue,
    Body,
    FileName,
}
