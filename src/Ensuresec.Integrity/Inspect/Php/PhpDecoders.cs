using System.IO.Compression;
using System.Text;

namespace Ensuresec.Integrity.Inspect.Php;

/// <summary>
/// PHP's string decoding functions applied to literals. PHP strings are bytes, so values travel as Latin-1
/// strings (one char per byte) between decoders; <see cref="ToText"/> turns the end result back into text.
/// </summary>
internal static class PhpDecoders
{
    private const int MaxOutput = 8_000_000;

    public static string? Apply(string function, string input) => function switch
    {
        "base64_decode" => Base64(input),
        "str_rot13" => Rot13(input),
        "strrev" => Reverse(input),
        "hex2bin" => Hex(input),
        "gzinflate" => Inflate(input, s => new DeflateStream(s, CompressionMode.Decompress)),
        "gzuncompress" => Inflate(input, s => new ZLibStream(s, CompressionMode.Decompress)),
        "gzdecode" => Inflate(input, s => new GZipStream(s, CompressionMode.Decompress)),
        "urldecode" or "rawurldecode" => TextDecoding.PercentDecode(function == "urldecode" ? input.Replace('+', ' ') : input),
        "strtolower" => input.ToLowerInvariant(),
        "strtoupper" => input.ToUpperInvariant(),
        "convert_uudecode" => null,
        _ => null,
    };

    public static bool IsDecoder(string function) => function is "base64_decode" or "str_rot13" or "strrev" or "hex2bin" or "gzinflate" or
        "gzuncompress" or "gzdecode" or "urldecode" or "rawurldecode" or "strtolower" or "strtoupper";

    /// <summary>A byte string as text when it is valid UTF-8, else as it is.</summary>
    public static string ToText(string bytes)
    {
        foreach (char c in bytes)
        {
            if (c > 0xFF) return bytes; // already text
        }

        return TextDecoding.ToTextOrNull(Encoding.Latin1.GetBytes(bytes)) ?? bytes;
    }

    private static string? Base64(string s)
    {
        string t = new(s.Where(c => !char.IsWhiteSpace(c)).ToArray());
        if (t.Length % 4 != 0) t = t.PadRight(t.Length + 4 - t.Length % 4, '=');
        var buffer = new byte[t.Length * 3 / 4 + 3];
        return Convert.TryFromBase64String(t, buffer, out int written) ? Encoding.Latin1.GetString(buffer, 0, written) : null;
    }

    private static string Rot13(string s)
    {
        var chars = s.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            char c = chars[i];
            if (c is >= 'a' and <= 'z') chars[i] = (char)('a' + (c - 'a' + 13) % 26);
            else if (c is >= 'A' and <= 'Z') chars[i] = (char)('A' + (c - 'A' + 13) % 26);
        }

        return new string(chars);
    }

    private static string Reverse(string s)
    {
        var chars = s.ToCharArray();
        Array.Reverse(chars);
        return new string(chars);
    }

    private static string? Hex(string s)
    {
        if (s.Length % 2 != 0) return null;
        try
        {
            return Encoding.Latin1.GetString(Convert.FromHexString(s));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string? Inflate(string bytes, Func<Stream, Stream> open)
    {
        foreach (char c in bytes)
        {
            if (c > 0xFF) return null;
        }

        try
        {
            using var input = new MemoryStream(Encoding.Latin1.GetBytes(bytes));
            using var decompressor = open(input);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = decompressor.Read(buffer, 0, buffer.Length)) > 0)
            {
                output.Write(buffer, 0, read);
                if (output.Length > MaxOutput) return null; // a decompression bomb is not unpacked
            }

            return Encoding.Latin1.GetString(output.GetBuffer(), 0, (int)output.Length);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
