using System.Text.Json;
using Ensuresec.Core.Events;

namespace Ensuresec.Demo.Output;

/// <summary>
/// Writes events as JSON lines with nested Elastic Common Schema field names (event.*, source.ip, url.*, ...),
/// one object per line. Fields without a value are left out; <see cref="SecurityEvent.Extra"/> is merged in
/// only where it adds fields the model has no property for (event.reason here). Relaxed escaping suits a file, not HTML.
/// </summary>
public sealed class EventNdjsonWriter : IDisposable
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly Stream _stream;
    private readonly Utf8JsonWriter _json;

    public EventNdjsonWriter(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    public long Written { get; private set; }

    public void Write(SecurityEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var w = _json;
        w.WriteStartObject();
        w.WriteString("@timestamp", e.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteStartObject("event");
        w.WriteString("id", e.Id);
        Str(w, "kind", e.Kind);
        Str(w, "category", e.Category);
        Str(w, "action", e.Action);
        Str(w, "outcome", e.Outcome);
        Str(w, "dataset", e.Dataset);
        if (e.Extra?["event"]?["reason"]?.GetValue<string>() is { } reason) w.WriteString("reason", reason);
        w.WriteEndObject();
        if (e.SourceIp is not null)
        {
            w.WriteStartObject("source");
            w.WriteString("ip", e.SourceIp);
            w.WriteEndObject();
        }

        if (e.UserName is not null || e.UserEmail is not null)
        {
            w.WriteStartObject("user");
            Str(w, "name", e.UserName);
            Str(w, "email", e.UserEmail);
            w.WriteEndObject();
        }

        if (e.HttpMethod is not null || e.StatusCode is not null)
        {
            w.WriteStartObject("http");
            Str(w, "version", e.HttpVersion);
            w.WriteStartObject("request");
            Str(w, "method", e.HttpMethod);
            Str(w, "referrer", e.Referrer);
            w.WriteEndObject();
            w.WriteStartObject("response");
            if (e.StatusCode is { } status) w.WriteNumber("status_code", status);
            if (e.ResponseBytes is { } bytes)
            {
                w.WriteStartObject("body");
                w.WriteNumber("bytes", bytes);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        if (e.UrlPath is not null)
        {
            w.WriteStartObject("url");
            w.WriteString("path", e.UrlPath);
            Str(w, "query", e.UrlQuery);
            w.WriteEndObject();
        }

        if (e.UserAgent is not null)
        {
            w.WriteStartObject("user_agent");
            w.WriteString("original", e.UserAgent);
            w.WriteEndObject();
        }

        if (e.PaymentAmount is not null || e.CardFingerprint is not null)
        {
            w.WriteStartObject("payment");
            if (e.PaymentAmount is { } amount) w.WriteNumber("amount", amount);
            Str(w, "currency", e.PaymentCurrency);
            if (e.CardFingerprint is not null)
            {
                w.WriteStartObject("card");
                w.WriteString("fingerprint", e.CardFingerprint);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.Flush();
        w.Reset();
        _stream.Write(NewLine);
        Written++;
    }

    public void Dispose() => _json.Dispose();

    private static void Str(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null) w.WriteString(name, value);
    }
}
