using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Ensuresec.Server.Api;

/// <summary>
/// A JSON response written with Utf8JsonWriter: every string, however hostile, is JSON-escaped (including
/// &lt; &gt; &amp; ' with the default encoder, so a body pasted into HTML stays inert).
/// </summary>
internal sealed class JsonResponse(int statusCode, ReadOnlyMemory<byte> body) : IResult
{
    public int StatusCode => statusCode;

    public static JsonResponse Create(int statusCode, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return new JsonResponse(statusCode, buffer.WrittenMemory);
    }

    public static JsonResponse Error(int statusCode, string message) => Create(statusCode, w =>
    {
        w.WriteStartObject();
        w.WriteString("error", message);
        w.WriteEndObject();
    });

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, httpContext.RequestAborted).ConfigureAwait(false);
    }
}
