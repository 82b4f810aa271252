using Ensuresec.Waf.Model;

namespace Ensuresec.Waf.Inputs;

/// <summary>name=value pairs joined by '&amp;' (query strings and urlencoded forms); names and values stay encoded.</summary>
internal static class FormReader
{
    public static void Read(string text, RequestPart namePart, RequestPart valuePart, InputCollector into)
    {
        int start = 0;
        while (start <= text.Length && !into.Full)
        {
            int end = text.IndexOf('&', start);
            if (end < 0) end = text.Length;
            if (end > start)
            {
                var pair = text.AsSpan(start, end - start);
                int eq = pair.IndexOf('=');
                string rawName = eq < 0 ? pair.ToString() : pair[..eq].ToString();
                // Names are shown and matched by exclusions decoded (product[description], not product%5Bdescription%5D).
                string name = rawName.AsSpan().IndexOfAny('%', '+') >= 0 ? System.Net.WebUtility.UrlDecode(rawName) : rawName;
                string value = eq < 0 ? string.Empty : pair[(eq + 1)..].ToString();
                into.Add(new RequestInput(namePart, name, rawName, true));
                if (value.Length > 0) into.Add(new RequestInput(valuePart, name, value, true));

                // An '=' inside a name was percent-encoded by the client ("pay%3D..."): the application sees one name,
                // but what follows the '=' is text the attacker wrote as if it were a value, so it is inspected as one.
                int inner = name.IndexOf('=', StringComparison.Ordinal);
                if (inner > 0 && inner + 1 < name.Length) into.Add(new RequestInput(valuePart, name[..inner], name[(inner + 1)..], false));
            }

            start = end + 1;
        }
    }
}
