using System.Buffers;
using System.Text;
using Ensuresec.Waf.Inputs;
using Ensuresec.Waf.Model;
using Ensuresec.Waf.Normalization;

namespace Ensuresec.Waf.Detectors;

/// <summary>
/// Cross-site scripting in its three contexts: HTML (tags that run or load script, any tag with an event handler,
/// style with script), attributes and URLs (javascript:, vbscript:, data:text/html schemes, even split by tabs and
/// newlines), and JavaScript itself (cookie and location access, eval-like sinks, JSFuck, AngularJS sandbox escapes).
/// </summary>
internal sealed class XssDetector
{
    private const AttackClass Xss = AttackClass.CrossSiteScripting;
    private static readonly SearchValues<char> Gate = SearchValues.Create("<>:({[=`+\\*");

    private static readonly HashSet<string> DangerousTags = new(StringComparer.Ordinal)
    {
        "script", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "base", "link", "meta", "style",
        "form", "isindex", "xml", "import", "vmlframe", "xss", "template", "portal", "noscript", "noembed", "xmp", "plaintext",
        "listing", "layer", "ilayer", "bgsound", "handler", "animate", "set", "image", "img", "video", "audio", "source",
        "body", "html", "input", "button", "textarea", "select", "details", "marquee", "title", "a", "x", "v", "keygen",
    };

    private static readonly HashSet<string> ScriptTags = new(StringComparer.Ordinal)
    {
        "script", "iframe", "frame", "object", "embed", "applet", "svg", "math", "base", "link", "meta", "style", "isindex",
        "import", "vmlframe", "xss", "portal", "handler", "layer", "ilayer", "bgsound", "frameset", "noscript", "xmp", "template",
    };

    private static readonly string[] Sinks =
    [
        "document.cookie", "document.write", "document.location", "document.domain", "document.url", "window.location",
        "location.href", "location.hash", ".innerhtml", ".outerhtml", ".insertadjacenthtml", "fromcharcode", "settimeout(",
        "setinterval(", "eval(", "alert(", "prompt(", "confirm(", "constructor.constructor", "constructor(", "top[", "self[",
        "window[", "parent[", "atob(", "importscripts(", "-moz-binding", "expression(", "@import", "behavior:url", ".parentnode",
        "javascript:", "vbscript:", "livescript:", "mocha:", "data:text/html", "data:image/svg", "data:application/x", "data:text/xml",
        "data:,", "+adw-", "window.name", "document[", "document)[", "window)[", "history.pushstate", "localstorage", "document.body",
    ];

    private static readonly SearchValues<string> SinkSearch = SearchValues.Create(Sinks, StringComparison.Ordinal);

    public static void Inspect(in RequestInput input, in NormalizedValue value, AnalysisContext ctx)
    {
        string s = value.Lower;
        if (s.Length < 3 || s.AsSpan().IndexOfAny(Gate) < 0) return;
        Tags(input, s, ctx);
        string compact = Compact(s);
        int at = compact.AsSpan().IndexOfAny(SinkSearch);
        if (at >= 0)
        {
            ctx.Add(Xss, "ES-WAF-941-SCRIPT", "script scheme, JavaScript sink or CSS script", input.Part, input.Name, KeywordScanner.Around(compact, at, 12), 1, Score.Critical);
        }

        if (compact.Contains("{{", StringComparison.Ordinal) && (compact.Contains("constructor", StringComparison.Ordinal) || compact.Contains("$eval", StringComparison.Ordinal) || compact.Contains("$on", StringComparison.Ordinal)))
        {
            ctx.Add(Xss, "ES-WAF-941-ANGULAR", "AngularJS client-side template injection", input.Part, input.Name, compact, 1, Score.Critical);
        }

        if (IsJsFuck(compact))
        {
            ctx.Add(Xss, "ES-WAF-941-JSFUCK", "JavaScript written with []()!+ only (JSFuck)", input.Part, input.Name, compact, 1, Score.Critical);
        }

        if (ctx.Runs(2) && AttributeBreakout(s) is { Length: > 0 } attribute)
        {
            ctx.Add(Xss, "ES-WAF-941-ATTRIBUTE-BREAKOUT", "quote closing an HTML attribute, then an event handler or formaction", input.Part, input.Name, attribute, 2, Score.Critical);
        }

        int handler = EventHandler(s);
        if (handler >= 0)
        {
            ctx.Add(Xss, "ES-WAF-941-EVENT-HANDLER", "HTML event handler attribute", input.Part, input.Name, KeywordScanner.Around(s, handler, 12), 2, Score.Critical);
        }
    }

    /// <summary>Every '&lt;' that opens a tag: script-capable tags, and any tag carrying an event handler or script URL.</summary>
    private static void Tags(in RequestInput input, string s, AnalysisContext ctx)
    {
        int at = 0;
        while ((at = s.IndexOf('<', at)) >= 0)
        {
            int i = at + 1;
            if (i < s.Length && s[i] == '/') i++;
            int nameStart = i;
            while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] is ':' or '-' or '_')) i++;
            if (i == nameStart || !char.IsAsciiLetter(s[nameStart]))
            {
                if (s.AsSpan(at).StartsWith("<?import") && (at + 8 == s.Length || !char.IsAsciiLetterOrDigit(s[at + 8])))
                {
                    // Internet Explorer's <?import implementation="..."> loads an HTML component (behaviour) that runs script.
                    ctx.Add(Xss, "ES-WAF-941-IMPORT", "<?import of an HTML component", input.Part, input.Name, KeywordScanner.Around(s, at, 8), 1, Score.Critical);
                }

                if (s.AsSpan(at).StartsWith("<!entity") || s.AsSpan(at).StartsWith("<!doctype") && s.Contains("<!entity", StringComparison.Ordinal))
                {
                    ctx.Add(Xss, "ES-WAF-941-ENTITY", "XML entity declaration (XXE and markup injection)", input.Part, input.Name, KeywordScanner.Around(s, at, 10), 1, Score.Critical);
                }

                at++;
                continue;
            }

            string name = s[nameStart..i];
            int colon = name.LastIndexOf(':');
            string local = colon >= 0 ? name[(colon + 1)..] : name;
            int close = s.IndexOf('>', i);
            var inside = s.AsSpan(i, (close < 0 ? s.Length : close) - i);
            bool boundary = i == s.Length || !char.IsAsciiLetterOrDigit(s[i]);
            if (boundary && ScriptTags.Contains(local))
            {
                ctx.Add(Xss, "ES-WAF-941-TAG", "HTML tag that runs or loads script", input.Part, input.Name, KeywordScanner.Around(s, at, name.Length + 1), 1, Score.Critical);
            }
            else if (boundary && DangerousTags.Contains(local) && (EventHandler(inside) >= 0 || inside.Contains("script:", StringComparison.Ordinal) || inside.Contains("src", StringComparison.Ordinal)))
            {
                ctx.Add(Xss, "ES-WAF-941-TAG-ATTRIBUTE", "HTML tag with an event handler or script source", input.Part, input.Name, KeywordScanner.Around(s, at, name.Length + 1), 1, Score.Critical);
            }
            else if (EventHandler(inside) >= 0)
            {
                ctx.Add(Xss, "ES-WAF-941-TAG-ATTRIBUTE", "HTML tag with an event handler", input.Part, input.Name, KeywordScanner.Around(s, at, name.Length + 1), 1, Score.Critical);
            }
            else if (boundary && DangerousTags.Contains(local) && ctx.Runs(2))
            {
                ctx.Add(Xss, "ES-WAF-941-HTML", "HTML markup in a value", input.Part, input.Name, KeywordScanner.Around(s, at, name.Length + 1), 2, Score.Error);
            }

            at = i;
        }
    }

    /// <summary>
    /// A value that starts by closing the attribute it is written into ('"' or "'") and adds one that runs script:
    /// any on...= handler (browsers add new ones every year, so the name is not checked against a list), formaction
    /// or srcdoc. Returns the attribute, or an empty span.
    /// </summary>
    internal static ReadOnlySpan<char> AttributeBreakout(ReadOnlySpan<char> s)
    {
        var rest = s.TrimStart(" \t");
        if (rest.Length < 4 || rest[0] is not ('"' or '\'')) return default;
        rest = rest[1..].TrimStart(" \t/");
        int j = 0;
        while (j < rest.Length && (char.IsAsciiLetter(rest[j]) || rest[j] == '-')) j++;
        var attribute = rest[..j];
        var after = rest[j..].TrimStart(" \t\n\r/");
        if (after.Length == 0 || after[0] != '=') return default;
        bool handler = attribute.Length >= 5 && attribute.StartsWith("on") && !attribute.Contains('-');
        return handler || attribute.SequenceEqual("formaction") || attribute.SequenceEqual("srcdoc") ? rest[..(j + 1)] : default;
    }

    /// <summary>Index of "on&lt;letters&gt;=" (an event handler attribute), or -1.</summary>
    internal static int EventHandler(ReadOnlySpan<char> s)
    {
        for (int i = s.IndexOf("on", StringComparison.Ordinal); i >= 0 && i < s.Length - 2;)
        {
            bool startOk = i == 0 || !char.IsAsciiLetterOrDigit(s[i - 1]);
            int j = i + 2;
            while (j < s.Length && char.IsAsciiLetter(s[j])) j++;
            int letters = j - i - 2;
            while (j < s.Length && (s[j] is ' ' or '\t' or '\n' or '\r' or '/' or '\f')) j++;
            if (startOk && letters >= 3 && letters <= 24 && j < s.Length && s[j] == '=' && EventNames.Contains(s.Slice(i + 2, letters))) return i;
            int next = s[(i + 2)..].IndexOf("on", StringComparison.Ordinal);
            if (next < 0) return -1;
            i += 2 + next;
        }

        return -1;
    }

    /// <summary>The value without whitespace, control characters and /*comments*/, as browsers skip them inside schemes and expressions.</summary>
    private static string Compact(string s)
    {
        if (s.AsSpan().IndexOfAny(" \t\n\r\f\v/\0") < 0) return s;
        var sb = new StringBuilder(s.Length);
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c == '/' && i + 1 < s.Length && s[i + 1] == '*')
            {
                int end = s.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0) break;
                i = end + 1;
                continue;
            }

            if (c <= ' ') continue;
            sb.Append(c);
        }

        return sb.ToString();
    }

    private static bool IsJsFuck(string s)
    {
        if (s.Length < 12) return false;
        int n = 0;
        foreach (char c in s)
        {
            if (c is '[' or ']' or '(' or ')' or '!' or '+') n++;
        }

        return n * 10 >= s.Length * 9 && s.Contains("![]", StringComparison.Ordinal);
    }

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> EventNames = new HashSet<string>(
        """
        abort afterprint animationend animationiteration animationstart auxclick beforecopy beforecut beforeinput beforepaste
        beforeprint beforeunload begin blur bounce cancel canplay canplaythrough change click close contextmenu copy cuechange cut
        dblclick drag dragend dragenter dragleave dragover dragstart drop durationchange emptied end ended error finish focus
        focusin focusout formdata fullscreenchange hashchange input invalid keydown keypress keyup load loadeddata loadedmetadata
        loadend loadstart message mousedown mouseenter mouseleave mousemove mouseout mouseover mouseup mousewheel offline online
        pagehide pageshow paste pause play playing pointercancel pointerdown pointerenter pointerleave pointermove pointerout
        pointerover pointerup popstate progress propertychange ratechange readystatechange repeat reset resize scroll search
        seeked seeking select selectionchange selectstart show stalled start storage submit suspend timeupdate toggle touchend
        touchmove touchstart transitionend transitionrun transitionstart unload volumechange waiting webkitanimationend
        webkittransitionend wheel filterchange activate beforeactivate beforedeactivate deactivate help losecapture move moveend
        movestart mozfullscreenchange rowenter rowexit rowsdelete rowsinserted datasetchanged dataavailable errorupdate
        layoutcomplete controlselect contentvisibilityautostatechange scrollend
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
}
