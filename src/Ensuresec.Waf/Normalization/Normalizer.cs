using System.Buffers;
using System.Text;

namespace Ensuresec.Waf.Normalization;

/// <summary>
/// Turns a raw request value into what an application would see after its decoders, so detectors match the attack
/// and not its disguise: repeated percent-decoding (with %uXXXX and overlong UTF-8), HTML entities, JavaScript
/// escapes (\uXXXX, \xHH), Unicode compatibility forms (full-width letters become ASCII), NUL bytes removed, lower case.
/// Values made only of plain characters come back as they are, without allocating.
/// </summary>
internal static class Normalizer
{
    private const int MaxDecodePasses = 4;
    private static readonly SearchValues<char> NeedsWork = SearchValues.Create("%+&\\\0");

    public static NormalizedValue Normalize(string raw, bool plusIsSpace)
    {
        var flags = NormalizationFlags.None;
        string s = raw;
        var span = s.AsSpan();
        bool ascii = Ascii.IsValid(span);
        if (span.IndexOfAny(NeedsWork) < 0 && ascii)
        {
            if (HasControl(span)) flags |= NormalizationFlags.ControlChar;
            return new NormalizedValue(s, s.ToLowerInvariant(), flags);
        }

        for (int pass = 0; pass < MaxDecodePasses; pass++)
        {
            bool plus = plusIsSpace && pass == 0;
            if (s.IndexOf('%', StringComparison.Ordinal) < 0 && !(plus && s.Contains('+', StringComparison.Ordinal))) break;
            // Only the raw value's escapes can be malformed; a '%' that decoding produced is just a percent sign.
            var passFlags = NormalizationFlags.None;
            string decoded = PercentDecoder.Decode(s, plus, ref passFlags);
            flags |= pass == 0 ? passFlags : passFlags & ~NormalizationFlags.InvalidPercent;
            if (ReferenceEquals(decoded, s)) break;
            if (pass >= 1 && !string.Equals(decoded, s, StringComparison.Ordinal)) flags |= NormalizationFlags.MultipleEncoding;
            s = decoded;
        }

        if (s.Contains('&', StringComparison.Ordinal)) s = HtmlEntities.Decode(s, ref flags);
        if (s.Contains('\\', StringComparison.Ordinal)) s = EscapeDecoder.Decode(s);
        if (!Ascii.IsValid(s))
        {
            flags |= NormalizationFlags.NonAscii;
            s = Compatibility(s);
        }

        if (s.Contains('\0', StringComparison.Ordinal))
        {
            flags |= NormalizationFlags.NullByte;
            s = s.Replace("\0", string.Empty, StringComparison.Ordinal);
        }

        if (HasControl(s)) flags |= NormalizationFlags.ControlChar;
        return new NormalizedValue(s, s.ToLowerInvariant(), flags);
    }

    /// <summary>NFKC folds full-width and other compatibility forms to their plain letters; lone surrogates stay.</summary>
    private static string Compatibility(string s)
    {
        try
        {
            return s.IsNormalized(NormalizationForm.FormKC) ? s : s.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return s;
        }
    }

    private static bool HasControl(ReadOnlySpan<char> s)
    {
        foreach (char c in s)
        {
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return true;
        }

        return false;
    }
}
