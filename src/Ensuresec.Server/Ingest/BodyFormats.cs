using Microsoft.Net.Http.Headers;

namespace Ensuresec.Server.Ingest;

/// <summary>Maps a Content-Type header to a body format.</summary>
internal static class BodyFormats
{
    public static EventBodyFormat? FromContentType(string? contentType)
    {
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var media)) return null;
        var type = media.MediaType;
        if (type.Equals("application/json", StringComparison.OrdinalIgnoreCase)) return EventBodyFormat.JsonArray;
        if (type.Equals("application/x-ndjson", StringComparison.OrdinalIgnoreCase)
            || type.Equals("application/jsonl", StringComparison.OrdinalIgnoreCase))
        {
            return EventBodyFormat.Ndjson;
        }

        return null;
    }
}
