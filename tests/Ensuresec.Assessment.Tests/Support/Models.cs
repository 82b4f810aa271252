using Ensuresec.Assessment.Catalogue;
using Ensuresec.Assessment.Model;

namespace Ensuresec.Assessment.Tests.Support;

/// <summary>Small models for tests, and the loading they all do.</summary>
internal static class Models
{
    /// <summary>A valid model: a shop exposed to the internet in front of its database (the crown jewel).</summary>
    public const string Minimal = """
        name: tiny shop
        zones:
          - { name: internet, trust: untrusted }
          - { name: internal, trust: internal }
        assets:
          - { name: shop, type: web-app, zone: internet, data: [card-data] }
          - { name: db, type: database, zone: internal, crown_jewel: true, data: [personal-data] }
        connections:
          - { from: shop, to: db, encrypted: true }
        """;

    public static ModelLoadResult Load(string yaml, string file = "model.yaml") => ModelLoader.Load(yaml, file, ThreatCatalogue.ECommerce);

    public static ThreatModel Valid(string yaml)
    {
        var result = Load(yaml);
        result.Errors.ShouldBeEmpty(string.Join("\n", result.Errors));
        return result.Model!;
    }

    /// <summary>The repository root (for examples/ and docs/).</summary>
    public static string RepositoryPath(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ensuresec.sln"))) return Path.Combine(dir.FullName, relative);
        }

        throw new DirectoryNotFoundException("repository root (Ensuresec.sln) not found above " + AppContext.BaseDirectory);
    }

    public static string[] ExampleModels => [.. new[] { "retailer", "pharmacy", "bank" }.Select(n => RepositoryPath($"examples/models/{n}.yaml"))];
}
