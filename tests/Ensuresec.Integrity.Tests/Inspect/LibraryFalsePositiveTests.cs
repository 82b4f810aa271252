using Ensuresec.Integrity.Inspect;

namespace Ensuresec.Integrity.Tests.Inspect;

/// <summary>
/// Real, unmodified libraries that shops load on checkout pages raise no finding. tests/deps/integrity.sh installs
/// them with npm outside the repository (ENSURESEC_NPM_LIBS, or $TMPDIR/ensuresec-integrity-npm).
/// </summary>
public sealed class LibraryFalsePositiveTests
{
    public static TheoryData<string> Packages() => new() { "jquery", "lodash", "braintree-web", "@adyen/adyen-web", "@segment/analytics-next", "@analytics/google-tag-manager" };

    [Theory]
    [MemberData(nameof(Packages))]
    public void InspectDirectory_UnmodifiedLibrary_RaisesNothing(string package)
    {
        string folder = Path.Combine(LibraryRoot(), "node_modules", package);
        Directory.Exists(folder).ShouldBeTrue($"{folder} is missing: run tests/deps/integrity.sh (test.sh does) to install the libraries");
        var results = DirectoryInspection.Run(new Inspector(SampleTests.Shop), folder);
        results.Count(r => r.Language == "js").ShouldBeGreaterThan(0);
        results.Where(r => r.Error is not null).Select(r => r.Path + ": " + r.Error).ShouldBeEmpty();
        var hits = results.SelectMany(r => r.Matches.Select(m => $"{r.Path}:{m.Line}: {m.Explanation}")).ToList();
        hits.ShouldBeEmpty();
    }

    internal static string LibraryRoot() =>
        Environment.GetEnvironmentVariable("ENSURESEC_NPM_LIBS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetTempPath(), "ensuresec-integrity-npm");
}
