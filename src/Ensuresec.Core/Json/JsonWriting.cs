using System.Text.Json;
using Ensuresec.Core.Findings;

namespace Ensuresec.Core.Json;

/// <summary>Pieces shared by the hand-written JSON formats.</summary>
internal static class JsonWriting
{
    /// <summary>Depth limit for documents we read back: our own formats nest at most four levels.</summary>
    public static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    /// <summary>Compact JSON text of what <paramref name="write"/> writes.</summary>
    public static string ToText(Action<Utf8JsonWriter> write, int initialCapacity)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(initialCapacity);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void WriteEntities(Utf8JsonWriter writer, string name, IReadOnlyList<Entity> entities)
    {
        writer.WriteStartArray(name);
        foreach (var e in entities)
        {
            writer.WriteStartObject();
            writer.WriteString("kind", e.Kind);
            writer.WriteString("value", e.Value);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    public static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var v in values) writer.WriteStringValue(v);
        writer.WriteEndArray();
    }
}
