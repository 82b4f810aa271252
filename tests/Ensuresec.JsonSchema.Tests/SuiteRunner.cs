using System.Text.Json;
using Ensuresec.JsonSchema;
using Ensuresec.Tests.Support;

namespace Ensuresec.JsonSchema.Tests;

/// <summary>Runs the official JSON Schema Test Suite files, serving http://localhost:1234/ from its remotes folder.</summary>
internal static class SuiteRunner
{
    public static string SuiteRoot => SharedData.PathOf("json-schema-test-suite");

    public sealed record CaseResult(string File, string Group, string Case, bool Expected, bool Actual, IReadOnlyList<SchemaError> Errors)
    {
        public bool Passed => Expected == Actual;

        public override string ToString() => $"{File} | {Group} | {Case}: expected {(Expected ? "valid" : "invalid")}, got {(Actual ? "valid" : string.Join("; ", Errors))}";
    }

    public static IEnumerable<string> Files(string draft, bool optional)
    {
        string dir = Path.Combine(SuiteRoot, "tests", draft);
        var files = Directory.GetFiles(dir, "*.json").AsEnumerable();
        if (optional) files = Directory.GetFiles(Path.Combine(dir, "optional"), "*.json", SearchOption.AllDirectories);
        return files.Order(StringComparer.Ordinal);
    }

    public static List<CaseResult> Run(string file, SchemaDraft draft, bool assertFormat = false)
    {
        var results = new List<CaseResult>();
        using var doc = JsonDocument.Parse(File.ReadAllText(file));
        string name = Path.GetRelativePath(Path.Combine(SuiteRoot, "tests"), file);
        foreach (var group in doc.RootElement.EnumerateArray())
        {
            var registry = new SchemaRegistry(draft, LoadRemote);
            var added = registry.Add(group.GetProperty("schema"));
            string description = group.GetProperty("description").GetString()!;
            foreach (var test in group.GetProperty("tests").EnumerateArray())
            {
                bool expected = test.GetProperty("valid").GetBoolean();
                var result = added.IsSuccess
                    ? registry.Validate(test.GetProperty("data"), added.Uri!, new ValidationOptions { AssertFormat = assertFormat })
                    : new ValidationResult([new SchemaError("", "", added.Error!)]);
                results.Add(new CaseResult(name, description, test.GetProperty("description").GetString()!, expected, result.IsValid, result.Errors));
            }
        }

        return results;
    }

    private static string? LoadRemote(string uri)
    {
        const string prefix = "http://localhost:1234/";
        if (!uri.StartsWith(prefix, StringComparison.Ordinal)) return null;
        string path = Path.Combine(SuiteRoot, "remotes", uri[prefix.Length..]);
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }
}
