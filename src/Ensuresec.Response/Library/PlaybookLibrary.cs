using System.Reflection;
using System.Text.Json;
using Ensuresec.Response.Cacao;

namespace Ensuresec.Response.Library;

/// <summary>The shipped playbooks (embedded CACAO JSON) and the mitigations that use them.</summary>
public sealed class PlaybookLibrary
{
    private PlaybookLibrary(IReadOnlyDictionary<string, PlaybookLoad> playbooks, IReadOnlyList<LibraryEntry> entries, IReadOnlyList<AccountRoleRule> accountRoles)
    {
        Playbooks = playbooks;
        Entries = entries;
        AccountRoles = accountRoles;
    }

    /// <summary>Per rule, what the accounts its findings name are (see <see cref="Mitigations.EntityRoles"/>).</summary>
    public IReadOnlyList<AccountRoleRule> AccountRoles { get; }

    /// <summary>Every shipped playbook by its file name (block-address, ...), as loaded and checked.</summary>
    public IReadOnlyDictionary<string, PlaybookLoad> Playbooks { get; }

    public IReadOnlyList<LibraryEntry> Entries { get; }

    private static readonly Lazy<PlaybookLibrary> Shipped = new(LoadShipped);

    /// <summary>The library compiled into this assembly (loaded once).</summary>
    public static PlaybookLibrary Default => Shipped.Value;

    public CacaoPlaybook Playbook(string name) =>
        Playbooks.TryGetValue(name, out var load) && load.Playbook is { } p ? p : throw new KeyNotFoundException($"no playbook '{name}' in the library");

    /// <summary>A playbook by its CACAO id (for playbook-action steps).</summary>
    public CacaoPlaybook? ById(string id) => Playbooks.Values.Select(p => p.Playbook).FirstOrDefault(p => p?.Id == id);

    private static PlaybookLibrary LoadShipped()
    {
        var assembly = typeof(PlaybookLibrary).Assembly;
        var playbooks = new Dictionary<string, PlaybookLoad>(StringComparer.Ordinal);
        foreach (string name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("playbooks/", StringComparison.Ordinal)))
        {
            string key = Path.GetFileNameWithoutExtension(name["playbooks/".Length..]);
            playbooks[key] = PlaybookValidator.Validate(Read(assembly, name), "library:" + key, schemas: null);
        }

        using var doc = JsonDocument.Parse(Read(assembly, "library.json"));
        var entries = doc.RootElement.GetProperty("mitigations").EnumerateArray().Select(Entry).ToList();
        var roles = doc.RootElement.GetProperty("account_roles").EnumerateArray().Select(r => new AccountRoleRule(
            Strings(r, "rules"), Strings(r, "roles"), Strings(r, "fields"))).ToList();
        return new PlaybookLibrary(playbooks, entries, roles);
    }

    private static LibraryEntry Entry(JsonElement e)
    {
        string? Opt(string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        List<string> List(string name) => e.GetProperty(name).EnumerateArray().Select(x => x.GetString()!).ToList();
        return new LibraryEntry
        {
            Id = e.GetProperty("id").GetString()!,
            Playbook = e.GetProperty("playbook").GetString()!,
            Title = e.GetProperty("title").GetString()!,
            Families = List("families"),
            Roles = List("roles"),
            Variable = e.GetProperty("variable").GetString()!,
            Weight = e.GetProperty("weight").GetDouble(),
            Automatic = e.GetProperty("automatic").GetBoolean(),
            Effect = e.GetProperty("effect").GetString()!,
            Recovery = Opt("recovery"),
            Check = Opt("check"),
            CheckPasses = Opt("check_passes"),
            RecoveryPurpose = Opt("recovery_purpose"),
            Verify = Opt("verify"),
            VerifyPasses = Opt("verify_passes"),
        };
    }

    private static List<string> Strings(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.EnumerateArray().Select(x => x.GetString()!).ToList() : [];

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"resource {name} missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
