using System.Text.RegularExpressions;

namespace Ensuresec.Integrity.Inspect.Js;

/// <summary>
/// Reads behaviours off deobfuscated JavaScript tokens: which DOM fields the code reads, what it listens to, how
/// it sends data out and where to. Identifiers the author chose never matter; only platform APIs, DOM names and
/// literal values do, so renaming or reordering code does not change the facts.
/// </summary>
internal static partial class JsFactFinder
{
    private static readonly HashSet<string> LookupCalls = new(StringComparer.Ordinal)
    {
        "querySelector", "querySelectorAll", "getElementById", "getElementsByName", "getElementsByClassName",
        "$", "jQuery", "find", "closest", "matches", "$$",
    };

    private static readonly HashSet<string> FormEvents = new(StringComparer.OrdinalIgnoreCase)
    {
        "submit", "click", "mousedown", "mouseup", "touchend", "touchstart", "change", "blur", "focusout", "input",
    };

    private static readonly HashSet<string> KeyEvents = new(StringComparer.OrdinalIgnoreCase) { "keydown", "keyup", "keypress" };

    public static void Find(List<JsToken> tokens, FactContext context)
    {
        int lastImage = int.MinValue / 2, lastScript = int.MinValue / 2;
        bool charCodeAt = false, xor = false;
        for (int i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            context.CurrentToken = i;
            switch (t.Kind)
            {
                case JsTokenKind.String:
                    OnString(tokens, i, context);
                    break;
                case JsTokenKind.Template:
                    foreach (var (host, _) in UrlHosts.Find(t.Text)) context.Url(host, t.Line);
                    break;
                case JsTokenKind.Regex:
                    if (CardFields.Matches(t.Text) && At(tokens, i + 1).IsPunct(".") && At(tokens, i + 2).IsIdent("test") &&
                        Window(tokens, i + 3, 8).Any(x => x.IsIdent("name") || x.IsIdent("id")))
                    {
                        context.Add(FactIds.CardFieldAccess, t.Line, $"tests field names against {Short(t.Text)}");
                    }

                    break;
                case JsTokenKind.Punct when t.Text == "^":
                    xor = true;
                    break;
                case JsTokenKind.Identifier:
                    OnIdentifier(tokens, i, context, ref lastImage, ref lastScript, ref charCodeAt);
                    break;
            }
        }

        context.CurrentToken = -1;
        if (charCodeAt && xor) context.Add(FactIds.DataEncoding, 0, "XOR over character codes");
    }

    private static void OnString(List<JsToken> tokens, int i, FactContext context)
    {
        var t = tokens[i];
        string s = t.Text;
        foreach (var (host, _) in UrlHosts.Find(s)) context.Url(host, t.Line);
        var prev = At(tokens, i - 1);
        var callee = At(tokens, i - 2);
        bool lookupArgument = prev.IsPunct("(") && callee.Kind == JsTokenKind.Identifier && LookupCalls.Contains(callee.Text);
        bool cardName = CardFields.Matches(s);
        if (cardName)
        {
            if (lookupArgument || LooksLikeSelector(s))
            {
                context.Add(FactIds.CardFieldAccess, t.Line, $"selects '{Short(s)}'");
            }
            else if (ComparedWithFieldName(tokens, i))
            {
                context.Add(FactIds.CardFieldAccess, t.Line, $"compares a field's name or id with '{Short(s)}'");
            }

            if (s.Contains("<input", StringComparison.OrdinalIgnoreCase) || s.Contains("<form", StringComparison.OrdinalIgnoreCase))
            {
                context.Add(FactIds.InjectsCardForm, t.Line, $"HTML with card inputs: '{Short(s)}'");
            }
        }

        if ((lookupArgument || (prev.IsPunct("(") && callee.IsIdent("getElementsByTagName"))) && HarvestSelector().IsMatch(s))
        {
            context.Add(FactIds.FormFieldHarvest, t.Line, $"collects every '{Short(s)}'");
        }

        if (CheckoutWord().IsMatch(s) && Window(tokens, i - 8, 8).Any(x => x.Kind == JsTokenKind.Identifier && x.Text is "location" or "href" or "pathname" or "URL"))
        {
            context.Add(FactIds.CheckoutTrigger, t.Line, $"runs on pages whose address holds '{Short(s)}'");
        }

        if (s.Contains("devtools", StringComparison.OrdinalIgnoreCase)) context.Add(FactIds.AntiDebug, t.Line, "checks for open developer tools");

        bool listen = (callee.IsIdent("addEventListener") || callee.IsIdent("attachEvent") ||
                       (callee.Kind == JsTokenKind.Identifier && callee.Text is "on" or "bind" or "one" or "live" or "delegate" && At(tokens, i - 3).IsPunct("."))) && prev.IsPunct("(");
        if (listen)
        {
            string ev = s.StartsWith("on", StringComparison.OrdinalIgnoreCase) && callee.IsIdent("attachEvent") ? s[2..] : s;
            foreach (string part in ev.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                string name = part.Split('.')[0];
                if (FormEvents.Contains(name)) context.Add(FactIds.FormListener, t.Line, $"listens to '{name}'");
                if (KeyEvents.Contains(name)) context.Add(FactIds.KeyListener, t.Line, $"listens to '{name}'");
            }
        }

        if (s.Length >= 40 && Base64Blob().IsMatch(s) && TextDecoding.Base64ToText(s) is { } decoded)
        {
            context.Technique("base64-blob");
            foreach (var (host, _) in UrlHosts.Find(decoded)) context.Url(host, t.Line);
            if (LooksLikeCode(decoded)) context.Hidden(decoded, t.Line, "base64 string holding code");
        }
    }

    /// <summary>An image or script element whose src is set to a computed address within this many tokens sends data out.</summary>
    private const int ElementToSrcDistance = 300;

    private static void OnIdentifier(List<JsToken> tokens, int i, FactContext context, ref int lastImage, ref int lastScript, ref bool charCodeAt)
    {
        var t = tokens[i];
        var prev = At(tokens, i - 1);
        var next = At(tokens, i + 1);
        bool member = prev.IsPunct(".") || prev.IsPunct("?.");
        switch (t.Text)
        {
            case "Image" when prev.IsIdent("new"):
                lastImage = i;
                break;
            case "createElement" when next.IsPunct("("):
                string tag = At(tokens, i + 2).Text.ToLowerInvariant();
                if (tag == "img") lastImage = i;
                if (tag == "script") lastScript = i;
                break;
            case "src" when member && next.IsPunct("=") && IsComputed(tokens, i + 2):
                string rhs = RightHandSide(tokens, i + 2);
                if (i - lastImage < ElementToSrcDistance) context.Add(FactIds.ExfilImage, t.Line, $"new Image().src = {rhs}");
                if (i - lastScript < ElementToSrcDistance) context.Add(FactIds.ExfilScript, t.Line, $"script.src = {rhs}");
                break;
            case "sendBeacon" when next.IsPunct("("):
                context.Add(FactIds.ExfilBeacon, t.Line, "navigator.sendBeacon(...)");
                break;
            case "WebSocket" when prev.IsIdent("new"):
                context.Add(FactIds.ExfilWebSocket, t.Line, "new WebSocket(...)");
                break;
            case "fetch" when next.IsPunct("(") && (!member || At(tokens, i - 2).Text is "window" or "self" or "globalThis"):
                context.Add(FactIds.ExfilFetch, t.Line, "fetch(...)");
                break;
            case "XMLHttpRequest" when prev.IsIdent("new"):
                context.Add(FactIds.ExfilFetch, t.Line, "new XMLHttpRequest()");
                break;
            case "ajax" or "post" or "getJSON" when member && next.IsPunct("(") && At(tokens, i - 2).Text is "$" or "jQuery":
                context.Add(FactIds.ExfilFetch, t.Line, $"{At(tokens, i - 2).Text}.{t.Text}(...)");
                break;
            case "value" when member && !(next.Kind == JsTokenKind.Punct && next.Text is "=" or "+=") :
                context.Add(FactIds.ValueRead, t.Line, ".value");
                break;
            case "val" when member && next.IsPunct("(") && At(tokens, i + 2).IsPunct(")"):
                context.Add(FactIds.ValueRead, t.Line, ".val()");
                break;
            case "forms" when member && At(tokens, i - 2).IsIdent("document"):
                context.Add(FactIds.FormFieldHarvest, t.Line, "walks document.forms");
                break;
            case "btoa" when next.IsPunct("("):
                context.Add(FactIds.DataEncoding, t.Line, "btoa(...)");
                break;
            case "charCodeAt":
                charCodeAt = true;
                break;
            case "setItem" when member && At(tokens, i - 2).Text is "localStorage" or "sessionStorage":
                context.Add(FactIds.StorageStash, t.Line, $"{At(tokens, i - 2).Text}.setItem(...)");
                break;
            case "cookie" when member && At(tokens, i - 2).IsIdent("document") && next.IsPunct("="):
                context.Add(FactIds.StorageStash, t.Line, "document.cookie = ...");
                break;
            case "onsubmit" or "onclick" or "onchange" or "onblur" when member && next.IsPunct("="):
                context.Add(FactIds.FormListener, t.Line, $".{t.Text} = ...");
                break;
            case "onkeydown" or "onkeyup" or "onkeypress" when member && next.IsPunct("="):
                context.Add(FactIds.KeyListener, t.Line, $".{t.Text} = ...");
                break;
            case "submit" or "click" when member && next.IsPunct("(") && At(tokens, i + 2).IsIdent("function"):
                context.Add(FactIds.FormListener, t.Line, $".{t.Text}(function ...)");
                break;
            case "debugger":
                context.Add(FactIds.AntiDebug, t.Line, "debugger statement");
                break;
            case "outerWidth" when Window(tokens, i + 1, 5).Any(x => x.IsIdent("innerWidth")):
                context.Add(FactIds.AntiDebug, t.Line, "compares outer and inner window size (developer tools open)");
                break;
            case "innerHTML" or "insertAdjacentHTML" or "outerHTML":
                break;
        }
    }

    private static bool ComparedWithFieldName(List<JsToken> tokens, int i)
    {
        // el.name == "cc_number" | "cvv" === el.id | el.name.indexOf("cvv") | el.getAttribute("name") == ...
        var prev = At(tokens, i - 1);
        if (prev.Kind == JsTokenKind.Punct && prev.Text is "==" or "===" or "!=" or "!==")
        {
            return Window(tokens, i - 5, 4).Any(IsFieldNameToken);
        }

        var next = At(tokens, i + 1);
        if (next.Kind == JsTokenKind.Punct && next.Text is "==" or "===" or "!=" or "!==")
        {
            return Window(tokens, i + 2, 4).Any(IsFieldNameToken);
        }

        if (prev.IsPunct("(") && At(tokens, i - 2).Kind == JsTokenKind.Identifier && At(tokens, i - 2).Text is "indexOf" or "includes" or "match" or "search" or "startsWith" or "endsWith" or "test")
        {
            return Window(tokens, i - 6, 4).Any(IsFieldNameToken);
        }

        // case "cc_number": inside a switch over a field's name
        return prev.IsIdent("case");
    }

    private static bool IsFieldNameToken(JsToken t) =>
        t.Kind == JsTokenKind.Identifier && t.Text is "name" or "id" or "getAttribute" or "autocomplete";

    private static bool LooksLikeSelector(string s) =>
        s.Length < 300 && (s.Contains("[name", StringComparison.OrdinalIgnoreCase) || s.Contains("[id", StringComparison.OrdinalIgnoreCase) ||
                           s.StartsWith('#') || s.Contains("input#", StringComparison.OrdinalIgnoreCase) || s.Contains("input[", StringComparison.OrdinalIgnoreCase));

    private static bool LooksLikeCode(string s) =>
        s.Contains("function", StringComparison.Ordinal) || s.Contains("=>", StringComparison.Ordinal) ||
        s.Contains("document.", StringComparison.Ordinal) || s.Contains("window.", StringComparison.Ordinal) || s.Contains("<?php", StringComparison.Ordinal);

    private static string RightHandSide(List<JsToken> tokens, int from)
    {
        var parts = new List<string>();
        for (int j = from; j < tokens.Count && j < from + 24; j++)
        {
            if (tokens[j].Kind == JsTokenKind.Punct && tokens[j].Text is ";" or "}" or ",") break;
            parts.Add(tokens[j].ToString());
        }

        return Short(string.Join(' ', parts));
    }

    /// <summary>A value built from data: a concatenation, a template or a call, not a plain literal or variable.</summary>
    private static bool IsComputed(List<JsToken> tokens, int from)
    {
        for (int j = from; j < tokens.Count && j < from + 24; j++)
        {
            var t = tokens[j];
            if (t.Kind == JsTokenKind.Punct && t.Text is ";" or "}" or ",") return false;
            if (t.IsPunct("+") || t.Kind == JsTokenKind.Template || (t.Kind == JsTokenKind.Identifier && At(tokens, j + 1).IsPunct("("))) return true;
        }

        return false;
    }

    internal static string Short(string s)
    {
        string flat = s.ReplaceLineEndings(" ");
        return flat.Length <= 80 ? flat : string.Concat(flat.AsSpan(0, 77), "...");
    }

    private static IEnumerable<JsToken> Window(List<JsToken> tokens, int from, int count)
    {
        for (int j = Math.Max(0, from); j < tokens.Count && j < from + count; j++) yield return tokens[j];
    }

    private static JsToken At(List<JsToken> tokens, int i) => i >= 0 && i < tokens.Count ? tokens[i] : default;

    // a bare list of field types (every input, select and textarea), not one particular field
    [GeneratedRegex(@"^\s*((form|body)\s+)?(input|select|textarea)(\[type=[^\]]*\]|:not\([^)]*\))?(\s*,\s*(input|select|textarea)(\[type=[^\]]*\]|:not\([^)]*\))?)*\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HarvestSelector();

    [GeneratedRegex(@"checkout|onestep|onepage|firecheckout|/payment|billing", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CheckoutWord();

    [GeneratedRegex(@"^[A-Za-z0-9+/]+={0,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex Base64Blob();
}
