namespace Ensuresec.Waf.Model;

/// <summary>
/// A request as the analyser sees it. <see cref="Target"/> is the request target as sent (still percent-encoded).
/// Headers keep their order and duplicates. <see cref="Body"/> may be a prefix of the body when it was larger than
/// the configured limit (<see cref="BodyTruncated"/>); access-log events carry no headers and no body.
/// </summary>
public sealed record HttpRequestData
{
    public required string Method { get; init; }

    /// <summary>The request target: origin form (/path?query), absolute form or anything the client sent.</summary>
    public required string Target { get; init; }

    /// <summary>HTTP/1.1, HTTP/1.0, HTTP/2...; empty when unknown.</summary>
    public string Version { get; init; } = "HTTP/1.1";

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public ReadOnlyMemory<byte> Body { get; init; }

    public bool BodyTruncated { get; init; }

    /// <summary>Whether the request carries its headers (false for access-log events: header checks are skipped).</summary>
    public bool HasHeaders { get; init; } = true;

    /// <summary>The first header of that name (case-insensitive), or null.</summary>
    public string? Header(string name)
    {
        foreach (var h in Headers)
        {
            if (string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)) return h.Value;
        }

        return null;
    }

    /// <summary>How many headers of that name there are.</summary>
    public int HeaderCount(string name)
    {
        int n = 0;
        foreach (var h in Headers)
        {
            if (string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)) n++;
        }

        return n;
    }
}
