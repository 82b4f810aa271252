using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.IO.Compression;
using System.Text.Unicode;

namespace Ensuresec.Ingest;

/// <summary>
/// Streams the events of a file (plain or gzip) line by line with one large buffer, never loading the whole file.
/// Blank lines are skipped; CRLF is accepted; every other line yields an event or a <see cref="ParseError"/>
/// with the file and its 1-based line number, so one bad line never stops the rest. Not thread-safe.
/// </summary>
public sealed class EventFileReader : IDisposable
{
    private readonly Stream _stream;
    private readonly Stream? _file;
    private readonly EventFileReaderOptions _options;
    private readonly JsonEventParser _json;
    private readonly AccessLogParser _access;
    private readonly int _maxLine;
    private char[]? _chars;
    private bool _started;
    private long _bytesFromStream;

    /// <summary>Reads from a stream the caller owns the decompression of; <paramref name="sourceName"/> names it in ids and errors.</summary>
    public EventFileReader(Stream stream, string sourceName, EventFileReaderOptions? options = null, long totalBytes = -1)
        : this(stream, null, sourceName, options, totalBytes)
    {
    }

    private EventFileReader(Stream stream, Stream? file, string sourceName, EventFileReaderOptions? options, long totalBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        _options = options ?? new EventFileReaderOptions();
        _options.Validate();
        _stream = stream;
        _file = file;
        SourceName = sourceName;
        TotalBytes = totalBytes >= 0 ? totalBytes : stream.CanSeek ? stream.Length : -1;
        Format = _options.Format;
        _json = new JsonEventParser(_options.MaxJsonLineBytes, _options.MaxJsonDepth);
        _access = new AccessLogParser(_options.AccessLogFormat, _options.AccessLogDataset, _options.MaxAccessLogLineBytes);
        _maxLine = Math.Max(_options.MaxAccessLogLineBytes, _options.MaxJsonLineBytes);
    }

    /// <summary>The path or name used in event ids, origins and errors.</summary>
    public string SourceName { get; }

    /// <summary>The format being read; <see cref="EventFileFormat.Auto"/> until the first non-blank line decides it.</summary>
    public EventFileFormat Format { get; private set; }

    /// <summary>Bytes of the file read so far (compressed bytes for .gz), for a progress bar.</summary>
    public long BytesRead => (_file ?? _stream).CanSeek ? (_file ?? _stream).Position : _bytesFromStream;

    /// <summary>Size of the file in bytes, or -1 if not known.</summary>
    public long TotalBytes { get; }

    /// <summary>Lines read so far, blank ones included.</summary>
    public long LinesRead { get; private set; }

    /// <summary>
    /// Opens a file; gzip is recognised by its magic bytes, whatever the name. False with a reason if it cannot be opened.
    /// </summary>
    public static bool TryOpen(string path, EventFileReaderOptions? options, [NotNullWhen(true)] out EventFileReader? reader, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(path);
        reader = null;
        FileStream? file = null;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 64 * 1024, FileOptions.SequentialScan);
            Span<byte> magic = stackalloc byte[2];
            int n = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
            file.Position = 0;
            bool gzip = n == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
            Stream stream = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
            reader = new EventFileReader(stream, file, path, options, file.Length);
            error = null;
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            file?.Dispose();
            error = $"{path}: cannot open: {ex.Message}";
            return false;
        }
    }

    /// <summary>Reads every non-blank line once; call it once per reader.</summary>
    public IEnumerable<EventReadResult> ReadAll()
    {
        if (_started) throw new InvalidOperationException("ReadAll can be enumerated only once per reader");
        _started = true;
        return ReadLines();
    }

    public void Dispose()
    {
        _stream.Dispose();
        _file?.Dispose();
    }

    private IEnumerable<EventReadResult> ReadLines()
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(_options.BufferSize, (2 * _maxLine) + 2));
        try
        {
            int start = 0;
            int end = 0;
            bool eof = false;
            bool skipping = false;
            while (true)
            {
                int nl = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                if (nl >= 0)
                {
                    int lineStart = start;
                    start += nl + 1;
                    if (skipping)
                    {
                        skipping = false;
                        continue;
                    }

                    LinesRead++;
                    if (Process(buffer, lineStart, nl) is { } result) yield return result;
                    continue;
                }

                if (eof)
                {
                    if (end > start && !skipping)
                    {
                        LinesRead++;
                        if (Process(buffer, start, end - start) is { } last) yield return last;
                    }

                    yield break;
                }

                if (end - start > _maxLine + 1)
                {
                    // An overlong line: report it once, then drop bytes until its end.
                    if (!skipping)
                    {
                        LinesRead++;
                        skipping = true;
                        yield return new EventReadResult(null, new ParseError(SourceName, LinesRead, "line", $"line is over the limit of {_maxLine} bytes"));
                    }

                    start = end = 0;
                }
                else if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }

                int read = _stream.Read(buffer, end, buffer.Length - end);
                _bytesFromStream += read;
                if (read == 0) eof = true;
                end += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private EventReadResult? Process(byte[] buffer, int offset, int length)
    {
        var line = buffer.AsSpan(offset, length);
        if (line.Length > 0 && line[^1] == (byte)'\r') line = line[..^1];
        if (LinesRead == 1 && line.StartsWith("\uFEFF"u8)) line = line[3..];
        var content = line.TrimStart(" \t"u8);
        if (content.TrimEnd(" \t"u8).IsEmpty) return null;
        if (Format == EventFileFormat.Auto) Format = content[0] == (byte)'{' ? EventFileFormat.JsonLines : EventFileFormat.AccessLog;
        if (Format == EventFileFormat.JsonLines)
        {
            return _json.TryParse(line, SourceName, LinesRead, out var e, out var error) ? new EventReadResult(e, null) : new EventReadResult(null, error);
        }

        return ParseAccessLine(line);
    }

    private EventReadResult ParseAccessLine(ReadOnlySpan<byte> line)
    {
        if (line.Length > _options.MaxAccessLogLineBytes)
        {
            return new EventReadResult(null, new ParseError(SourceName, LinesRead, "line", $"line is {line.Length} bytes, over the limit of {_options.MaxAccessLogLineBytes}"));
        }

        _chars ??= new char[_options.MaxAccessLogLineBytes];
        var status = Utf8.ToUtf16(line, _chars, out int consumed, out int written, replaceInvalidSequences: false);
        if (status != OperationStatus.Done)
        {
            return new EventReadResult(null, new ParseError(SourceName, LinesRead, "line", "invalid UTF-8") { Column = consumed + 1 });
        }

        return _access.TryParse(_chars.AsSpan(0, written), SourceName, LinesRead, out var e, out var error)
            ? new EventReadResult(e, null)
            : new EventReadResult(null, error);
    }
}
