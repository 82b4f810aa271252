using System.Security.Cryptography;
using System.Text;
using AngleSharp.Html.Parser;

namespace Ensuresec.Integrity.Pages;

/// <summary>Reads the scripts, forms and meta Content-Security-Policy of an HTML page (AngleSharp); addresses resolved against the page.</summary>
internal static class PageParser
{
    public static (List<PageScript> Scripts, List<PageForm> Forms, string? MetaCsp) Parse(string html, Uri page)
    {
        var document = new HtmlParser().ParseDocument(html);
        var baseUri = document.QuerySelector("base[href]")?.GetAttribute("href") is { } b && Uri.TryCreate(page, b, out var bu) ? bu : page;
        var scripts = new List<PageScript>();
        foreach (var s in document.Scripts)
        {
            string type = (s.Type ?? string.Empty).Trim().ToLowerInvariant();
            if (type.Length > 0 && !type.Contains("javascript", StringComparison.Ordinal) && type != "module") continue;
            string? src = s.GetAttribute("src");
            if (!string.IsNullOrWhiteSpace(src) && Uri.TryCreate(baseUri, src.Trim(), out var abs))
            {
                scripts.Add(new PageScript("external", abs.AbsoluteUri, abs.GetLeftPart(UriPartial.Authority).ToLowerInvariant(), null, s.Integrity, 0));
            }
            else
            {
                string text = s.Text;
                scripts.Add(new PageScript("inline", null, null, CspHash(text), null, text.Length));
            }
        }

        var forms = new List<PageForm>();
        foreach (var f in document.Forms)
        {
            string action = f.GetAttribute("action") ?? string.Empty;
            var target = Uri.TryCreate(baseUri, action.Trim(), out var a) ? a : page;
            forms.Add(new PageForm(target.AbsoluteUri, (f.Method ?? "get").ToLowerInvariant(), target.GetLeftPart(UriPartial.Authority).ToLowerInvariant()));
        }

        string? meta = document.QuerySelectorAll("meta[http-equiv]")
            .FirstOrDefault(m => string.Equals(m.GetAttribute("http-equiv"), "Content-Security-Policy", StringComparison.OrdinalIgnoreCase))?.GetAttribute("content");
        return (scripts, forms, meta);
    }

    /// <summary>The hash a CSP 'sha256-...' source would list for this inline script.</summary>
    public static string CspHash(string text) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static string CspHash(byte[] content) => "sha256-" + Convert.ToBase64String(SHA256.HashData(content));
}
