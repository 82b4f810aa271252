using System.Text.Json.Nodes;

namespace Ensuresec.Ingest;

/// <summary>The values gathered from one line before they become an event; specific variables win over those split from $request.</summary>
internal struct AccessLogFields
{
    public string? SourceIp;
    public string? UserName;
    public DateTimeOffset? Timestamp;
    public string? Method;
    public string? Path;
    public string? Query;
    public string? Version;
    public string? RequestMethod;
    public string? RequestPath;
    public string? RequestQuery;
    public bool HasRequestQuery;
    public bool HasQuery;
    public int? Status;
    public long? Bytes;
    public string? Referrer;
    public string? UserAgent;
    public JsonObject? Extra;

    public void SetExtra(string dottedPath, JsonNode? value)
    {
        Extra ??= new JsonObject();
        JsonPaths.Set(Extra, dottedPath, value);
    }
}
