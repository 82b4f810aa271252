using System.Text.Json;
using Ensuresec.Tests.Support;

namespace Ensuresec.Ledger.Tests.Merkle;

/// <summary>../shared/data/merkle/merkle_vectors.json, loaded once.</summary>
internal static class MerkleVectors
{
    private static readonly Lazy<JsonDocument> Doc = new(() => JsonDocument.Parse(File.ReadAllText(SharedData.PathOf("merkle/merkle_vectors.json"))));

    public static JsonElement Root => Doc.Value.RootElement;

    public static byte[] Hex(JsonElement e) => Convert.FromHexString(e.GetString()!);

    public static byte[] B64(JsonElement e) => e.ValueKind == JsonValueKind.Null ? [] : Convert.FromBase64String(e.GetString()!);

    public static List<byte[]> B64List(JsonElement e) =>
        e.ValueKind == JsonValueKind.Null ? [] : e.EnumerateArray().Select(B64).ToList();

    public static List<byte[]> HexList(JsonElement e) => e.EnumerateArray().Select(Hex).ToList();
}
