using System.Text.Json;
using Ensuresec.Core.Events;

namespace Ensuresec.Ingest;

/// <summary>
/// Parses an HTTP body of events: a JSON array of objects, or NDJSON (one object per line). Each item stands alone:
/// a bad one is reported with its position (1-based item number for arrays, line number for NDJSON) and the others are kept.
/// Thread-safe.
/// </summary>
public sealed class EventBatchParser
{
    /// <summary>Default most items in one batch.</summary>
    public const int DefaultMaxItems = 100_000;

    private readonly JsonEventParser _parser;

    public EventBatchParser(JsonEventParser? parser = null, int maxItems = DefaultMaxItems)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxItems, 1);
        _parser = parser ?? JsonEventParser.Default;
        MaxItems = maxItems;
    }

    public int MaxItems { get; }

    /// <param name="utf8Body">The body; its overall size is the caller's limit to enforce.</param>
    /// <param name="source">Names the batch in errors and origins (e.g. "api:2024-05-01T10:00:00Z#17").</param>
    public EventBatchResult Parse(ReadOnlySpan<byte> utf8Body, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var events = new List<SecurityEvent>();
        var errors = new List<ParseError>();
        var body = utf8Body;
        if (body.StartsWith("\uFEFF"u8)) body = body[3..];
        var trimmed = body.TrimStart(" \t\r\n"u8);
        if (trimmed.Length > 0 && trimmed[0] == (byte)'[')
        {
            ParseArray(trimmed, source, events, errors);
        }
        else
        {
            ParseLines(body, source, events, errors);
        }

        return new EventBatchResult(events, errors);
    }

    private void ParseArray(ReadOnlySpan<byte> body, string source, List<SecurityEvent> events, List<ParseError> errors)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = _parser.MaxDepth + 1 });
        int item = 0;
        try
        {
            reader.Read();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                item++;
                if (item > MaxItems)
                {
                    errors.Add(new ParseError(source, item, "batch", $"more than {MaxItems} items; the rest was not read"));
                    return;
                }

                long start = reader.TokenStartIndex;
                reader.Skip();
                var raw = body[(int)start..(int)reader.BytesConsumed];
                Accept(raw, source, item, events, errors);
            }

            if (reader.TokenType != JsonTokenType.EndArray)
            {
                errors.Add(new ParseError(source, item + 1, "batch", "the array is not closed (truncated?)"));
            }
            else if (reader.Read())
            {
                errors.Add(new ParseError(source, item + 1, "batch", "text after the end of the array"));
            }
        }
        catch (JsonException ex)
        {
            // The array itself is broken here; what came before stands, the rest cannot be delimited.
            if (body[(int)reader.BytesConsumed..].Trim(" \t\r\n"u8).IsEmpty)
            {
                errors.Add(new ParseError(source, item + 1, "batch", "the array is not closed (truncated?)"));
                return;
            }

            errors.Add(new ParseError(source, item, "json", JsonEventParser.ShortMessage(ex) + "; the rest of the batch was not read"));
        }
    }

    private void ParseLines(ReadOnlySpan<byte> body, string source, List<SecurityEvent> events, List<ParseError> errors)
    {
        long line = 0;
        int items = 0;
        while (body.Length > 0)
        {
            line++;
            int nl = body.IndexOf((byte)'\n');
            var text = nl < 0 ? body : body[..nl];
            body = nl < 0 ? default : body[(nl + 1)..];
            if (text.Trim(" \t\r"u8).IsEmpty) continue;
            if (++items > MaxItems)
            {
                errors.Add(new ParseError(source, line, "batch", $"more than {MaxItems} items; the rest was not read"));
                return;
            }

            Accept(text, source, line, events, errors);
        }
    }

    private void Accept(ReadOnlySpan<byte> raw, string source, long position, List<SecurityEvent> events, List<ParseError> errors)
    {
        if (_parser.TryParse(raw, source, position, out var e, out var error))
        {
            events.Add(e);
        }
        else
        {
            errors.Add(error);
        }
    }
}
