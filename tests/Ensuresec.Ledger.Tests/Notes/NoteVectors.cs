using System.Text.Json;
using Ensuresec.Ledger.Notes;
using Ensuresec.Tests.Support;

namespace Ensuresec.Ledger.Tests.Notes;

/// <summary>../shared/data/signed-note/notes_vectors.json, loaded once.</summary>
internal static class NoteVectors
{
    private static readonly Lazy<JsonDocument> Doc = new(() => JsonDocument.Parse(File.ReadAllText(SharedData.PathOf("signed-note/notes_vectors.json"))));

    public static JsonElement Root => Doc.Value.RootElement;

    public static List<string> Strings(JsonElement e) => e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().Select(x => x.GetString()!).ToList() : [];

    public static List<INoteVerifier> Verifiers(JsonElement vkeys) =>
        Strings(vkeys).Select(k => VerifierKeys.Parse(k)).Select(p => p.Ok ? p.Value : throw new InvalidOperationException(p.Error)).ToList();
}
