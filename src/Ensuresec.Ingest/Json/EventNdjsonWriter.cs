using System.Text.Json;
using Ensuresec.Core.Events;

namespace Ensuresec.Ingest;

/// <summary>Writes events as NDJSON in the nested ECS form of <see cref="SecurityEventJson"/>, which the readers load back unchanged.</summary>
public sealed class EventNdjsonWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly Utf8JsonWriter _json;

    public EventNdjsonWriter(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _json = new Utf8JsonWriter(stream);
    }

    public long Written { get; private set; }

    public void Write(SecurityEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        SecurityEventJson.Write(_json, e);
        _json.Flush();
        _json.Reset();
        _stream.WriteByte((byte)'\n');
        Written++;
    }

    public void Dispose() => _json.Dispose();
}
