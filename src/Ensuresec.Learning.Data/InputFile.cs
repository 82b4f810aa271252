using System.IO.Compression;
using System.Text;

namespace Ensuresec.Learning.Data;

/// <summary>Opens a data file as strict UTF-8 text, unzipping it when it starts with the gzip magic bytes.</summary>
internal static class InputFile
{
    public static TextReader Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            Stream input = stream;
            Span<byte> magic = stackalloc byte[2];
            int read = stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
            stream.Position = 0;
            if (read == 2 && magic[0] == 0x1f && magic[1] == 0x8b) input = new GZipStream(stream, CompressionMode.Decompress);
            return new StreamReader(input, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, 1 << 16);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>The error for an exception reading the file, or null if it is not an input problem.</summary>
    public static DataError? Describe(string path, long line, Exception ex) => ex switch
    {
        DecoderFallbackException => new DataError(path, line, null, "not valid UTF-8 text"),
        InvalidDataException => new DataError(path, line, null, $"not a valid gzip file ({ex.Message})"),
        FileNotFoundException or DirectoryNotFoundException => new DataError(path, 0, null, "file not found"),
        UnauthorizedAccessException or IOException => new DataError(path, line, null, $"cannot read: {ex.Message}"),
        _ => null,
    };
}
