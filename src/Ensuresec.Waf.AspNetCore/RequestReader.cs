using System.Buffers;
using Ensuresec.Waf.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Ensuresec.Waf.AspNetCore;

/// <summary>An ASP.NET Core request as the analyser sees it: the raw target as sent, all headers, a bounded prefix of the body.</summary>
internal static class RequestReader
{
    /// <summary>The request with its body decoded (Content-Encoding); findings about the encoding go to <paramref name="findings"/>.</summary>
    public static async Task<HttpRequestData> ReadAsync(HttpContext context, WafMiddlewareOptions options, List<WafFinding> findings, CancellationToken ct)
    {
        var request = context.Request;
        string target = context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw ? raw : request.Path.ToUriComponent() + request.QueryString.ToUriComponent();
        var headers = new List<KeyValuePair<string, string>>(request.Headers.Count);
        foreach (var (name, values) in request.Headers)
        {
            foreach (string? v in values) headers.Add(new(name, v ?? string.Empty));
        }

        (byte[] body, bool truncated) = await ReadBodyAsync(request, options.MaxBodyBytes, ct).ConfigureAwait(false);
        string encoding = request.Headers.ContentEncoding.ToString();
        var decoded = BodyDecoder.Decode(encoding, body, truncated, options.MaxDecompressedBytes, options.MaxCompressionRatio);
        findings.AddRange(decoded.Findings);
        if (body.Length > 0 && !string.IsNullOrWhiteSpace(encoding))
        {
            // The decoder has judged the encoding (its own finding if malformed) and the analyser gets the decoded
            // body, so the header no longer describes what it inspects: left in, the analyser would report the body
            // as compressed and out of sight. Without a body the header stays, as a parser probe.
            headers.RemoveAll(h => h.Key.Equals("Content-Encoding", StringComparison.OrdinalIgnoreCase));
        }

        (body, truncated) = (decoded.Body, decoded.Truncated);
        return new HttpRequestData { Method = request.Method, Target = target, Version = request.Protocol, Headers = headers, Body = body, BodyTruncated = truncated };
    }

    private static async Task<(byte[] Body, bool Truncated)> ReadBodyAsync(HttpRequest request, int max, CancellationToken ct)
    {
        if (request.ContentLength == 0 || (request.ContentLength is null && !request.Headers.ContainsKey("Transfer-Encoding"))) return ([], false);
        request.EnableBuffering();
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Min(max, 64 * 1024) + 1);
        try
        {
            using var copy = new MemoryStream();
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, max + 1 - (int)copy.Length)), ct).ConfigureAwait(false)) > 0)
            {
                copy.Write(buffer, 0, read);
                if (copy.Length > max) break;
            }

            request.Body.Position = 0;
            bool truncated = copy.Length > max;
            byte[] bytes = copy.ToArray();
            return (truncated ? bytes[..max] : bytes, truncated);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
