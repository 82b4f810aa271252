using System.Text;
using Ensuresec.Waf.Model;

namespace Ensuresec.Waf.Inputs;

/// <summary>The body's fields by its content type: form, JSON, XML, multipart; anything else is one raw value.</summary>
internal static class BodyInputs
{
    public static void Read(HttpRequestData request, WafOptions options, InputCollector into)
    {
        var body = request.Body.Span;
        if (body.IsEmpty) return;
        string contentType = request.Header("Content-Type") ?? string.Empty;
        string media = MediaType(contentType);
        if (media == "application/x-www-form-urlencoded")
        {
            FormReader.Read(Encoding.Latin1.GetString(body), RequestPart.BodyName, RequestPart.BodyValue, into);
            return;
        }

        if (media.StartsWith("multipart/", StringComparison.Ordinal))
        {
            MultipartReader.Read(contentType, body, options.MaxDepth, into);
            return;
        }

        string text = Encoding.UTF8.GetString(body);
        bool parsed = false;
        if (media.EndsWith("json", StringComparison.Ordinal)) parsed = JsonBodyReader.Read(body, options.MaxDepth, into);
        else if (media.EndsWith("xml", StringComparison.Ordinal)) parsed = XmlBodyReader.Read(text, options.MaxDepth, into);
        if (!parsed) into.Add(new RequestInput(RequestPart.Body, string.Empty, text, media.Length == 0));
    }

    /// <summary>The media type of a Content-Type value, lower case, without parameters.</summary>
    public static string MediaType(string contentType)
    {
        int semi = contentType.IndexOf(';', StringComparison.Ordinal);
        var media = (semi < 0 ? contentType.AsSpan() : contentType.AsSpan(0, semi)).Trim();
        return media.ToString().ToLowerInvariant();
    }
}
