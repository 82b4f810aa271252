using System.Text.Json.Nodes;

namespace Ensuresec.Ingest;

/// <summary>What one JSON object yielded so far: the mapped values, which fields were seen, and the rest.</summary>
internal sealed class JsonEventFields
{
    private readonly string?[] _strings = new string?[Enum.GetValues<EcsField>().Length];
    private uint _seen;

    public DateTimeOffset? Timestamp { get; set; }

    public int? StatusCode { get; set; }

    public long? ResponseBytes { get; set; }

    public decimal? PaymentAmount { get; set; }

    public JsonObject? Extra { get; set; }

    /// <summary>Marks a field as seen; false if it was seen before (a duplicate).</summary>
    public bool MarkSeen(EcsField field)
    {
        uint bit = 1u << (int)field;
        if ((_seen & bit) != 0) return false;
        _seen |= bit;
        return true;
    }

    public string? this[EcsField field]
    {
        get => _strings[(int)field];
        set => _strings[(int)field] = value;
    }

    public JsonObject EnsureExtra() => Extra ??= new JsonObject();
}
