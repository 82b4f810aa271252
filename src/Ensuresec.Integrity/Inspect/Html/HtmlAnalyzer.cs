using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Ensuresec.Integrity.Inspect.Js;

namespace Ensuresec.Integrity.Inspect.Html;

/// <summary>Analyses the JavaScript inside an HTML document: inline scripts, event handler attributes and javascript: links.</summary>
internal static class HtmlAnalyzer
{
    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsKeepingSourceReferences = true });

    public static void Analyze(string html, FactContext context)
    {
        var document = Parser.ParseDocument(html);
        int baseOffset = context.LineOffset;
        foreach (var script in document.Scripts)
        {
            if (!IsJavaScript(script)) continue;
            if (script.Source is { Length: > 0 } src)
            {
                foreach (var (host, _) in UrlHosts.Find(src)) context.Url(host, Line(script));
                continue;
            }

            context.LineOffset = baseOffset + Math.Max(0, Line(script) - 1);
            JsAnalyzer.Analyze(script.Text, context);
        }

        foreach (var element in document.All)
        {
            foreach (var attribute in element.Attributes)
            {
                bool handler = attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase) && attribute.Name.Length > 2;
                bool jsUrl = attribute.Name is "href" or "src" or "action" && attribute.Value.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase);
                if (!handler && !jsUrl) continue;
                context.LineOffset = baseOffset + Math.Max(0, Line(element) - 1);
                string code = jsUrl ? attribute.Value.TrimStart()["javascript:".Length..] : attribute.Value;
                JsAnalyzer.Analyze(code, context);
                if (handler) context.Add(attribute.Name.ToLowerInvariant() is "onsubmit" or "onclick" or "onchange" or "onblur" ? FactIds.FormListener : "event-handler-attribute", 1, $"{element.LocalName} {attribute.Name}");
            }
        }

        context.LineOffset = baseOffset;
    }

    private static bool IsJavaScript(IHtmlScriptElement script)
    {
        string type = (script.Type ?? string.Empty).Trim().ToLowerInvariant();
        return type.Length == 0 || type.Contains("javascript", StringComparison.Ordinal) || type == "module" || type.Contains("ecmascript", StringComparison.Ordinal);
    }

    private static int Line(AngleSharp.Dom.IElement element) => element.SourceReference?.Position.Line ?? 1;
}
