using System.Text.Json;

namespace Ensuresec.JsonSchema;

/// <summary>A schema (object or boolean) with the base URI its relative references resolve against and its dialect.</summary>
internal readonly record struct SchemaNode(JsonElement Element, string BaseUri, SchemaDraft Draft)
{
    /// <summary>The node a subschema of this one becomes: a new base when it declares an <c>$id</c>, a new draft when it declares <c>$schema</c>.</summary>
    public SchemaNode Child(JsonElement sub)
    {
        if (sub.ValueKind != JsonValueKind.Object) return new SchemaNode(sub, BaseUri, Draft);
        var draft = Draft;
        if (sub.TryGetProperty("$schema", out var s) && s.ValueKind == JsonValueKind.String && SchemaDrafts.FromUri(s.GetString()!) is { } d) draft = d;
        string? id = ResourceId(sub, draft);
        return new SchemaNode(sub, id is null ? BaseUri : UriText.Resolve(BaseUri, id), draft);
    }

    /// <summary>
    /// The <c>$id</c> that starts a new resource, or null. In draft-07 an <c>$id</c> of only a fragment is an anchor,
    /// and <c>$ref</c> makes its siblings (the <c>$id</c> too) ignored.
    /// </summary>
    public static string? ResourceId(JsonElement schema, SchemaDraft draft)
    {
        if (!schema.TryGetProperty("$id", out var id) || id.ValueKind != JsonValueKind.String) return null;
        string text = id.GetString()!;
        if (draft == SchemaDraft.Draft7 && (text.StartsWith('#') || schema.TryGetProperty("$ref", out _))) return null;
        if (text.StartsWith('#')) return null;
        return UriText.WithoutFragment(text);
    }
}
