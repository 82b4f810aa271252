using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using Ensuresec.Waf.Model;

namespace Ensuresec.Waf.AspNetCore;

/// <summary>
/// Undoes Content-Encoding (gzip, x-gzip, deflate, br, identity; several in the order applied) so the analyser sees
/// what the application will see. Output is bounded: never more than the limit is held, and a body that would
/// expand past it at more than the allowed ratio is a compression bomb. Malformed data and unknown encodings are
/// protocol findings; the raw bytes are then inspected as they are, so nothing already inspected is lost.
/// </summary>
internal static class BodyDecoder
{
    public const string BombRule = "ES-WAF-920-COMPRESSION-BOMB";
    public const string MalformedRule = "ES-WAF-920-CONTENT-ENCODING";

    // CRS scores: 5 critical (a bomb is refused in block mode on its own), 3 warning.
    private const int Critical = 5;
    private const int Warning = 3;

    public sealed record Decoded(byte[] Body, bool Truncated, IReadOnlyList<WafFinding> Findings);

    public static Decoded Decode(string? contentEncoding, byte[] body, bool truncated, int maxBytes, int maxRatio)
    {
        if (string.IsNullOrWhiteSpace(contentEncoding) || body.Length == 0) return new Decoded(body, truncated, []);
        string[] codings = contentEncoding.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        byte[] current = body;
        bool cut = truncated;

        // Codings are listed in the order they were applied, so they are undone from the last.
        for (int i = codings.Length - 1; i >= 0; i--)
        {
            string coding = codings[i].ToLowerInvariant();
            if (coding == "identity") continue;
            if (coding is not ("gzip" or "x-gzip" or "deflate" or "br"))
            {
                return Fail(body, truncated, MalformedRule, "unsupported Content-Encoding: the body is inspected undecoded", codings[i], Warning);
            }

            var (outcome, output) = Inflate(coding, current, maxBytes, maxRatio);
            switch (outcome)
            {
                case Outcome.Malformed when cut:
                    // Only a prefix was read: the stream ends early, which says nothing about the rest.
                    current = output;
                    break;
                case Outcome.Malformed:
                    return Fail(body, truncated, MalformedRule, $"malformed {coding} body: the body is inspected undecoded", coding, Warning);
                case Outcome.Bomb:
                    string ratio = $"{coding}: {current.Length.ToString("N0", CultureInfo.InvariantCulture)} bytes expand past {maxBytes.ToString("N0", CultureInfo.InvariantCulture)} at a ratio over {maxRatio}";
                    return Fail(body, truncated, BombRule, "compression bomb: the body expands past the limit", ratio, Critical);
                case Outcome.TooLarge:
                    // Large but plausibly compressed: its prefix is inspected, like a large plain body.
                    current = output;
                    cut = true;
                    break;
                default:
                    current = output;
                    break;
            }
        }

        return new Decoded(current, cut, []);
    }

    private enum Outcome
    {
        Ok,
        TooLarge,
        Bomb,
        Malformed,
    }

    private static (Outcome Outcome, byte[] Output) Inflate(string coding, byte[] input, int maxBytes, int maxRatio)
    {
        var result = Run(coding == "deflate" ? "zlib" : coding, input, maxBytes, maxRatio);
        // RFC 9110 deflate is zlib-wrapped, but some clients send raw deflate.
        if (result.Outcome == Outcome.Malformed && coding == "deflate") result = Run("deflate", input, maxBytes, maxRatio);
        return result;
    }

    /// <summary>Decompresses at most maxBytes + 1 bytes; on malformed data, what came out before the error.</summary>
    private static (Outcome Outcome, byte[] Output) Run(string format, byte[] input, int maxBytes, int maxRatio)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        using var output = new MemoryStream();
        try
        {
            using var source = new MemoryStream(input, writable: false);
            using Stream stream = format switch
            {
                "gzip" or "x-gzip" => new GZipStream(source, CompressionMode.Decompress),
                "zlib" => new ZLibStream(source, CompressionMode.Decompress),
                "deflate" => new DeflateStream(source, CompressionMode.Decompress),
                _ => new BrotliStream(source, CompressionMode.Decompress),
            };
            int read;
            while ((read = stream.Read(buffer, 0, Math.Min(buffer.Length, maxBytes + 1 - (int)output.Length))) > 0)
            {
                output.Write(buffer, 0, read);
                if (output.Length <= maxBytes) continue;
                // The ratio is taken on the input consumed so far (the decoder reads ahead, so it errs low).
                var outcome = output.Length > (long)maxRatio * Math.Max(1, source.Position) ? Outcome.Bomb : Outcome.TooLarge;
                return (outcome, output.GetBuffer().AsSpan(0, maxBytes).ToArray());
            }

            // A gzip stream cut short ends without an error: its trailer (ISIZE, the length mod 2^32) tells.
            if (format is "gzip" or "x-gzip" && input.Length >= 18 && output.Length < BitConverter.ToUInt32(input, input.Length - 4)) return (Outcome.Malformed, output.ToArray());
            return (Outcome.Ok, output.ToArray());
        }
        catch (Exception e) when (e is InvalidDataException or IOException or InvalidOperationException)
        {
            return (Outcome.Malformed, output.ToArray());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static Decoded Fail(byte[] body, bool truncated, string rule, string message, string evidence, int score) =>
        new(body, truncated, [new WafFinding(AttackClass.Protocol, rule, message, RequestPart.Body, "Content-Encoding", evidence, 1, score)]);
}
