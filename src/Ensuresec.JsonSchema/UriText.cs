namespace Ensuresec.JsonSchema;

/// <summary>
/// URI reference resolution on strings (RFC 3986 section 5.2 via <see cref="Uri"/> for hierarchical bases), with
/// the cases <see cref="Uri"/> does not handle: URN bases and fragment-only references.
/// </summary>
internal static class UriText
{
    public static string Resolve(string baseUri, string reference)
    {
        if (reference.Length == 0) return WithoutFragment(baseUri);
        if (reference.StartsWith('#')) return WithoutFragment(baseUri) + reference;
        if (HasScheme(reference)) return Normalize(reference);
        if (Uri.TryCreate(baseUri, UriKind.Absolute, out var b) && IsHierarchical(b) && Uri.TryCreate(b, reference, out var resolved))
        {
            return resolved.ToString();
        }

        return reference;
    }

    /// <summary>One spelling per http(s)/file URI (e.g. "http://a" and "http://a/" are the same), so lookups match.</summary>
    public static string Normalize(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var u) && IsHierarchical(u) ? u.ToString() : uri;

    private static bool IsHierarchical(Uri u) => u.Scheme is "http" or "https" or "file";

    public static string WithoutFragment(string uri)
    {
        int hash = uri.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? uri : uri[..hash];
    }

    /// <summary>The fragment without '#', percent-decoded, or "" when there is none.</summary>
    public static string Fragment(string uri)
    {
        int hash = uri.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? "" : Uri.UnescapeDataString(uri[(hash + 1)..]);
    }

    private static bool HasScheme(string text)
    {
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !char.IsAsciiLetter(text[0])) return false;
        for (int i = 1; i < colon; i++)
        {
            char c = text[i];
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.')) return false;
        }

        return true;
    }
}
