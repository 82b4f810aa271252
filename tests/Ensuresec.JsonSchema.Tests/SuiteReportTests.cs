using Ensuresec.JsonSchema;
using Xunit.Abstractions;

namespace Ensuresec.JsonSchema.Tests;

/// <summary>The official JSON Schema Test Suite: every required test passes except the groups listed as not supported.</summary>
public sealed class SuiteReportTests(ITestOutputHelper output)
{
    /// <summary>Groups that need what this validator does not ship: the drafts' own metaschemas and custom vocabularies.</summary>
    private static readonly string[] Unsupported =
    [
        "validate definition against metaschema",
        "remote ref, containing refs itself",
        "schema that uses custom metaschema with with no validation vocabulary",
        "ignore unrecognized optional vocabulary",
    ];

    [Theory]
    [InlineData("draft7", SchemaDraft.Draft7)]
    [InlineData("draft2020-12", SchemaDraft.Draft202012)]
    public void RequiredTests_AllPass_ExceptUnsupportedGroups(string folder, SchemaDraft draft)
    {
        var all = SuiteRunner.Files(folder, optional: false).SelectMany(f => SuiteRunner.Run(f, draft)).ToList();
        output.WriteLine($"{folder} required: {all.Count(r => r.Passed)}/{all.Count}");
        all.Count.ShouldBeGreaterThan(900);
        var failures = all.Where(r => !r.Passed && !Unsupported.Contains(r.Group)).Select(r => r.ToString()).ToList();
        failures.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("draft7", SchemaDraft.Draft7)]
    [InlineData("draft2020-12", SchemaDraft.Draft202012)]
    public void OptionalTests_RunWithoutExceptions_AndReportTheirPassRate(string folder, SchemaDraft draft)
    {
        var all = SuiteRunner.Files(folder, optional: true).SelectMany(f => SuiteRunner.Run(f, draft, assertFormat: true)).ToList();
        foreach (var file in all.GroupBy(r => r.File))
            output.WriteLine($"{file.Key}: {file.Count(r => r.Passed)}/{file.Count()}");
        output.WriteLine($"{folder} optional: {all.Count(r => r.Passed)}/{all.Count}");
        (all.Count(r => r.Passed) / (double)all.Count).ShouldBeGreaterThan(0.8);
    }
}
