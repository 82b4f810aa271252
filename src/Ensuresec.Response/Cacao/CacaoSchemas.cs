using Ensuresec.JsonSchema;

namespace Ensuresec.Response.Cacao;

/// <summary>
/// Validates playbooks against the CACAO 2.0 JSON Schemas (cyentific-rni/cacao-json-schemas, draft-07). Those
/// schemas carry no licence, so they are not shipped: point this at a checkout of their <c>schemas</c> folder.
/// Their <c>$id</c>s are GitHub URLs; each is read from the matching file in the folder instead.
/// </summary>
public sealed class CacaoSchemas
{
    private const string BaseUri = "https://raw.githubusercontent.com/cyentific-rni/cacao-json-schemas/cacao-v2.0-cs01/schemas/";
    private readonly SchemaRegistry _registry;
    private readonly string _root;

    private CacaoSchemas(string folder)
    {
        _root = Path.GetFullPath(folder);
        _registry = new SchemaRegistry(SchemaDraft.Draft7, Load);
    }

    /// <summary>Opens the schemas folder (the one holding playbook.json), or returns why it cannot.</summary>
    public static (CacaoSchemas? Schemas, string? Error) Open(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!File.Exists(Path.Combine(folder, "playbook.json"))) return (null, $"{folder}: no playbook.json here (expected the CACAO JSON schemas folder)");
        return (new CacaoSchemas(folder), null);
    }

    public IReadOnlyList<PlaybookProblem> Validate(PlaybookLoad load)
    {
        ArgumentNullException.ThrowIfNull(load);
        if (load.Json is not { } json) return [];
        var result = _registry.Validate(json, BaseUri + "playbook.json");
        return result.Errors
            .Select(e => new PlaybookProblem(ProblemLevel.Error, load.Source, PathOf(e.InstancePath), $"schema: {e.Message}"))
            .ToList();
    }

    /// <summary>JSON Pointer to the dotted path used by the other checks (/workflow/action--1/type becomes workflow.action--1.type).</summary>
    private static string PathOf(string pointer) =>
        string.Join('.', pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)));

    private string? Load(string uri)
    {
        if (!uri.StartsWith(BaseUri, StringComparison.Ordinal)) return null;
        string path = Path.GetFullPath(Path.Combine(_root, uri[BaseUri.Length..]));
        // A $ref must not reach outside the schemas folder.
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(path)) return null;
        return File.ReadAllText(path);
    }
}
