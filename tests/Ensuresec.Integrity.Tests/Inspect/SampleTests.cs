using System.Text.RegularExpressions;
using Ensuresec.Integrity.Inspect;

namespace Ensuresec.Integrity.Tests.Inspect;

/// <summary>Every sample written from a public description of a real skimmer or web shell family is detected with the
/// rules its "expect:" line names; the benign samples raise nothing.</summary>
public sealed partial class SampleTests
{
    internal static readonly InspectOptions Shop = new() { OwnHosts = ["shop.example"] };

    public static TheoryData<string> Malicious() => Files("skimmers", "shells");

    public static TheoryData<string> Benign() => Files("benign");

    [Theory]
    [MemberData(nameof(Malicious))]
    public void InspectFile_MaliciousSample_FiresTheExpectedRules(string file)
    {
        var result = new Inspector(Shop).InspectFile(file);
        var expected = ExpectLine().Match(File.ReadAllText(file)).Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        expected.ShouldNotBeEmpty();
        var fired = result.Matches.Select(m => m.Rule.Id).ToList();
        foreach (string id in expected)
        {
            fired.ShouldContain(id, $"{Path.GetFileName(file)} facts: {string.Join(" | ", result.Facts.Select(f => $"{f.Id}@{f.Line}:{f.Evidence}"))}");
        }

        result.Matches.ShouldAllBe(m => m.Explanation.Length > 20);
    }

    [Theory]
    [MemberData(nameof(Benign))]
    public void InspectFile_BenignSample_RaisesNothing(string file)
    {
        var result = new Inspector(Shop).InspectFile(file);
        result.Matches.Select(m => m.Explanation).ShouldBeEmpty();
    }

    [Fact]
    public void InspectFile_Skimmer_NamesTheBehaviourAndTheLine()
    {
        var result = new Inspector(Shop).InspectFile(SamplePath("skimmers", "inter-kit.js"));
        var skimmer = result.Matches.Single(m => m.Rule.Id == "ES-SHOP-001");
        skimmer.Explanation.ShouldContain("card-field-access");
        skimmer.Explanation.ShouldContain("exfil-image");
        skimmer.Line.ShouldBeGreaterThan(5);
    }

    [Fact]
    public void InspectFile_Base64EvalChain_FindsTheHiddenSendBeaconAndItsHost()
    {
        var result = new Inspector(Shop).InspectFile(SamplePath("skimmers", "group12-obfuscated.js"));
        result.Facts.ShouldContain(f => f.Id == "exfil-beacon");
        result.Facts.ShouldContain(f => f.Id == "foreign-url" && f.Evidence == "google-analytic.example");
        result.Facts.ShouldContain(f => f.Id == "anti-debug");
        result.Techniques.Keys.ShouldContain("base64");
    }

    [Fact]
    public void InspectFile_PackedCode_IsUnpackedAndItsCardFieldsFound()
    {
        var result = new Inspector(Shop).InspectFile(SamplePath("skimmers", "packed-dean-edwards.js"));
        result.Techniques.Keys.ShouldContain("packer");
        result.Facts.ShouldContain(f => f.Id == "card-field-access" && f.Evidence.Contains("cc_number"));
        result.Facts.ShouldContain(f => f.Id == "foreign-url" && f.Evidence == "cdn-jquery-min.example");
    }

    [Fact]
    public void InspectFile_GzinflatedPayload_ExposesTheShellInside()
    {
        var result = new Inspector(Shop).InspectFile(SamplePath("shells", "obfuscated-gzinflate.php"));
        result.Facts.ShouldContain(f => f.Id == "request-to-exec" && f.Evidence.Contains("shell_exec"));
        result.Techniques.Keys.ShouldContain("gzinflate");
    }

    [Fact]
    public void InspectText_OwnOriginUrl_IsNotForeign()
    {
        var result = new Inspector(Shop).InspectText("a.js", "fetch('https://www.shop.example/api'); fetch('https://cdn.other.example/x')", "js");
        result.Facts.Where(f => f.Id == "foreign-url").Select(f => f.Evidence).ShouldBe(["cdn.other.example"]);
    }

    internal static string SamplePath(string folder, string name) => Path.Combine(AppContext.BaseDirectory, "Samples", folder, name);

    private static TheoryData<string> Files(params string[] folders)
    {
        var data = new TheoryData<string>();
        foreach (string folder in folders)
        {
            foreach (string f in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Samples", folder)).Order(StringComparer.Ordinal)) data.Add(f);
        }

        return data;
    }

    [GeneratedRegex(@"expect:\s*((?:ES-[A-Z]+-\d+ *)+)")]
    private static partial Regex ExpectLine();
}
