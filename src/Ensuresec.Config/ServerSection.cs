namespace Ensuresec.Config;

/// <summary>server: the HTTP API.</summary>
public sealed class ServerSection
{
    /// <summary>Addresses to listen on, ';'-separated. Loopback by default: exposing it is a choice.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:5080";

    /// <summary>Largest request body accepted by POST /api/v1/events; larger gets 413.</summary>
    public long MaxBodyBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Most events in one request.</summary>
    public int MaxEventsPerRequest { get; init; } = 10_000;

    internal void Validate(List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(Urls)) errors.Add("server.urls: must name at least one address");
        if (MaxBodyBytes is < 1024 or > 1L << 30) errors.Add("server.max-body-bytes: must be between 1024 and 1073741824");
        if (MaxEventsPerRequest is < 1 or > 1_000_000) errors.Add("server.max-events-per-request: must be between 1 and 1000000");
    }
}
