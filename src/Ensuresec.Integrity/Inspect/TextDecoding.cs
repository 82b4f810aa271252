using System.Text;

namespace Ensuresec.Integrity.Inspect;

/// <summary>Decoders for encoded literals; each returns null when the input is not that encoding or decodes to binary.</summary>
internal static class TextDecoding
{
    public static string? Base64ToText(string s)
    {
        string trimmed = s.Trim();
        if (trimmed.Length < 4 || trimmed.Length > 8_000_000) return null;
        var buffer = new byte[trimmed.Length * 3 / 4 + 3];
        string padded = trimmed.Replace('-', '+').Replace('_', '/');
        if (padded.Length % 4 != 0) padded = padded.PadRight(padded.Length + 4 - padded.Length % 4, '=');
        if (!Convert.TryFromBase64String(padded, buffer, out int written)) return null;
        return ToTextOrNull(buffer.AsSpan(0, written));
    }

    /// <summary>UTF-8 text that is mostly printable, or null (binary data is not code to analyse).</summary>
    public static string? ToTextOrNull(ReadOnlySpan<byte> bytes)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        int printable = 0;
        foreach (char c in text)
        {
            if (!char.IsControl(c) || c is '\n' or '\r' or '\t') printable++;
        }

        return text.Length > 0 && printable >= text.Length * 0.95 ? text : null;
    }

    public static string? PercentDecode(string s)
    {
        if (!s.Contains('%', StringComparison.Ordinal)) return s;
        try
        {
            return Uri.UnescapeDataString(s);
        }
        catch (UriFormatException)
        {
            return null;
        }
    }

    public static string? HexToText(string s)
    {
        if (s.Length < 2 || s.Length % 2 != 0 || s.Length > 8_000_000) return null;
        try
        {
            return ToTextOrNull(Convert.FromHexString(s));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
