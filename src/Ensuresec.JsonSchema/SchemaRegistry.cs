using System.Text.Json;

namespace Ensuresec.JsonSchema;

/// <summary>
/// The schemas a validation may reach: each added or loaded document is indexed by its base URI, the
/// <c>$id</c>s of embedded resources and its anchors. References to documents not yet known are fetched once
/// through the loader (the caller decides where from: a folder, embedded resources; this project does no I/O).
/// Safe to share between threads.
/// </summary>
public sealed class SchemaRegistry
{
    /// <summary>Nesting accepted in a schema document.</summary>
    public const int MaxDocumentDepth = 128;

    private static readonly string[] SingleSubschemas =
        ["additionalProperties", "additionalItems", "items", "contains", "propertyNames", "not", "if", "then", "else",
         "unevaluatedProperties", "unevaluatedItems", "contentSchema"];

    private static readonly string[] ListSubschemas = ["allOf", "anyOf", "oneOf", "prefixItems", "items"];
    private static readonly string[] MapSubschemas = ["properties", "patternProperties", "definitions", "$defs", "dependentSchemas", "dependencies"];

    private readonly Dictionary<string, SchemaNode> _resources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SchemaNode> _anchors = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dynamicAnchors = new(StringComparer.Ordinal);
    private readonly HashSet<string> _failedLoads = new(StringComparer.Ordinal);
    private readonly Func<string, string?>? _loader;
    private readonly SchemaDraft _defaultDraft;
    private readonly Lock _gate = new();
    private int _anonymous;

    /// <param name="defaultDraft">The draft of documents that declare no <c>$schema</c>.</param>
    /// <param name="loader">Returns the JSON text of a document by its absolute URI (no fragment), or null when unknown.</param>
    public SchemaRegistry(SchemaDraft defaultDraft = SchemaDraft.Draft202012, Func<string, string?>? loader = null)
    {
        _defaultDraft = defaultDraft;
        _loader = loader;
    }

    /// <summary>
    /// Adds a schema document. Returns the URI to validate against (its <c>$id</c>, else <paramref name="uri"/>,
    /// else a generated one), or an error when the text is not JSON, too deep, or names an unsupported <c>$schema</c>.
    /// </summary>
    public SchemaAddResult Add(string json, string? uri = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDocumentDepth });
        }
        catch (JsonException e)
        {
            return SchemaAddResult.Failure($"{uri ?? "schema"}: not JSON: {e.Message}");
        }

        using (doc)
        {
            return Add(doc.RootElement.Clone(), uri);
        }
    }

    /// <summary>Adds a parsed schema document (see <see cref="Add(string, string?)"/>).</summary>
    public SchemaAddResult Add(JsonElement root, string? uri = null)
    {
        if (root.ValueKind is not (JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False))
            return SchemaAddResult.Failure($"{uri ?? "schema"}: a schema is an object or a boolean, not {JsonValues.KindName(root)}");
        var draft = _defaultDraft;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("$schema", out var s))
        {
            if (s.ValueKind != JsonValueKind.String) return SchemaAddResult.Failure($"{uri ?? "schema"}: $schema must be a string");
            if (SchemaDrafts.FromUri(s.GetString()!) is not { } d)
                return SchemaAddResult.Failure($"{uri ?? "schema"}: unsupported $schema '{s.GetString()}' (supported: draft-07, draft-06, 2020-12)");
            draft = d;
        }

        lock (_gate)
        {
            string baseUri = uri is null ? $"https://ensuresec.invalid/schema-{++_anonymous}.json" : UriText.Normalize(UriText.WithoutFragment(uri));
            var node = new SchemaNode(root, baseUri, draft).Child(root);
            _resources[baseUri] = node;
            Index(node, isRoot: true);
            return SchemaAddResult.Success(node.BaseUri);
        }
    }

    /// <summary>Validates an instance against the schema at <paramref name="schemaUri"/> (a URI from <see cref="Add(string, string?)"/>, optionally with a fragment).</summary>
    public ValidationResult Validate(JsonElement instance, string schemaUri, ValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(schemaUri);
        var opts = options ?? ValidationOptions.Default;
        var root = Resolve(UriText.Normalize(schemaUri), out string? error);
        if (root is null) return new ValidationResult([new SchemaError("", "", error!)]);
        var outcome = new Evaluator(this, opts).Evaluate(root.Value, instance, "", "", null, 0);
        return outcome.Errors is { Count: > 0 } errors ? new ValidationResult(errors) : ValidationResult.Valid;
    }

    /// <summary>The schema an absolute reference points at (document, then JSON Pointer or anchor), loading the document when needed.</summary>
    internal SchemaNode? Resolve(string absolute, out string? error)
    {
        string doc = UriText.WithoutFragment(absolute);
        string fragment = UriText.Fragment(absolute);
        error = null;
        SchemaNode resource;
        lock (_gate)
        {
            if (!_resources.TryGetValue(doc, out resource) && !TryLoad(doc, out resource, out error)) return null;
            if (fragment.Length == 0) return resource;
            if (!fragment.StartsWith('/'))
            {
                if (_anchors.TryGetValue(doc + "#" + fragment, out var anchored)) return anchored;
                error = $"cannot resolve '{absolute}': no anchor '{fragment}' in {doc}";
                return null;
            }
        }

        var node = resource;
        foreach (string token in fragment[1..].Split('/'))
        {
            string name = token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            JsonElement next;
            if (node.Element.ValueKind == JsonValueKind.Object && node.Element.TryGetProperty(name, out next))
            {
                node = node.Child(next);
            }
            else if (node.Element.ValueKind == JsonValueKind.Array && int.TryParse(name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int i) && i < node.Element.GetArrayLength())
            {
                node = node.Child(node.Element[i]);
            }
            else
            {
                error = $"cannot resolve '{absolute}': no '{name}' at that pointer";
                return null;
            }
        }

        return node;
    }

    /// <summary>Whether <paramref name="resourceUri"/> declares <c>$dynamicAnchor: name</c>, and the schema that declares it.</summary>
    internal SchemaNode? DynamicAnchor(string resourceUri, string name)
    {
        string key = resourceUri + "#" + name;
        lock (_gate)
        {
            return _dynamicAnchors.Contains(key) && _anchors.TryGetValue(key, out var node) ? node : null;
        }
    }

    private bool TryLoad(string doc, out SchemaNode resource, out string? error)
    {
        resource = default;
        string? text = _failedLoads.Contains(doc) ? null : _loader?.Invoke(doc);
        if (text is null)
        {
            _failedLoads.Add(doc);
            error = $"cannot resolve '{doc}': unknown schema";
            return false;
        }

        lock (_gate)
        {
            var added = Add(text, doc);
            if (!added.IsSuccess)
            {
                _failedLoads.Add(doc);
                error = added.Error;
                return false;
            }
        }

        error = null;
        return _resources.TryGetValue(doc, out resource);
    }

    private void Index(SchemaNode node, bool isRoot)
    {
        var el = node.Element;
        if (el.ValueKind != JsonValueKind.Object) return;
        if (isRoot || SchemaNode.ResourceId(el, node.Draft) is not null) _resources.TryAdd(node.BaseUri, node);
        if (el.TryGetProperty("$id", out var id) && id.ValueKind == JsonValueKind.String && node.Draft == SchemaDraft.Draft7
            && id.GetString()!.StartsWith('#') && !el.TryGetProperty("$ref", out _))
        {
            _anchors.TryAdd(node.BaseUri + id.GetString(), node);
        }

        if (node.Draft == SchemaDraft.Draft202012)
        {
            if (el.TryGetProperty("$anchor", out var a) && a.ValueKind == JsonValueKind.String) _anchors.TryAdd(node.BaseUri + "#" + a.GetString(), node);
            if (el.TryGetProperty("$dynamicAnchor", out var da) && da.ValueKind == JsonValueKind.String)
            {
                string key = node.BaseUri + "#" + da.GetString();
                _anchors.TryAdd(key, node);
                _dynamicAnchors.Add(key);
            }
        }

        foreach (string k in SingleSubschemas)
        {
            if (el.TryGetProperty(k, out var sub) && sub.ValueKind == JsonValueKind.Object) Index(node.Child(sub), false);
        }

        foreach (string k in ListSubschemas)
        {
            if (!el.TryGetProperty(k, out var list) || list.ValueKind != JsonValueKind.Array) continue;
            foreach (var sub in list.EnumerateArray()) Index(node.Child(sub), false);
        }

        foreach (string k in MapSubschemas)
        {
            if (!el.TryGetProperty(k, out var map) || map.ValueKind != JsonValueKind.Object) continue;
            foreach (var p in map.EnumerateObject()) Index(node.Child(p.Value), false);
        }
    }
}
