using System.Text.RegularExpressions;
using Ensuresec.Integrity.Inspect;
using FsCheck;
using FsCheck.Fluent;

namespace Ensuresec.Integrity.Tests.Inspect;

/// <summary>Detection rests on behaviour: renamed, re-encoded, reordered and re-wrapped skimmers fire the same rules.</summary>
public sealed partial class MetamorphicTests
{
    public static TheoryData<string> JsSkimmers()
    {
        var data = new TheoryData<string>();
        foreach (string f in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Samples", "skimmers"), "*.js").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(JsSkimmers))]
    public void Inspect_MutatedSkimmer_FiresTheSameRules(string name)
    {
        string source = File.ReadAllText(SampleTests.SamplePath("skimmers", name));
        // the packer sample is packed code: mutate what it unpacks to would need the unpacker; mutate it as it is
        var expected = Expect().Match(source).Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(id => id != "ES-SHOP-005").ToList(); // a mutation may add or remove the eval-of-decoded layer
        var inspector = new Inspector(SampleTests.Shop);
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            string mutated = new JsMutator(seed).Mutate(source);
            var fired = inspector.InspectText(name, mutated, "js").Matches.Select(m => m.Rule.Id).ToHashSet();
            if (!expected.All(fired.Contains))
            {
                throw new InvalidOperationException($"seed {seed}: fired [{string.Join(", ", fired)}], expected [{string.Join(", ", expected)}] in:\n{mutated}");
            }

            return true;
        }).Check(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(40));
    }

    [Fact]
    public void Mutator_ChangesTheText_SoTheTestIsNotVacuous()
    {
        string source = File.ReadAllText(SampleTests.SamplePath("skimmers", "inter-kit.js"));
        var texts = Enumerable.Range(0, 5).Select(seed => new JsMutator(seed).Mutate(source)).ToList();
        texts.ShouldAllBe(t => t != source);
        texts.Distinct().Count().ShouldBe(5);
        texts.Count(t => !t.Contains("querySelector", StringComparison.Ordinal)).ShouldBeGreaterThan(0);
        texts.Count(t => !t.Contains("Sniffer", StringComparison.Ordinal)).ShouldBe(5);
    }

    [GeneratedRegex(@"expect:\s*((?:ES-[A-Z]+-\d+ *)+)")]
    private static partial Regex Expect();
}
