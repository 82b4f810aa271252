using System.Text.Json;
using Ensuresec.Response.Cacao;
using Ensuresec.Tests.Support;

namespace Ensuresec.Response.Tests.Cacao;

/// <summary>Every playbook in shared/data/cacao, checked against the recorded python-jsonschema results and SOARCA's expected errors.</summary>
public sealed class SharedPlaybookTests
{
    private static readonly CacaoSchemas Schemas = CacaoSchemas.Open(SharedData.PathOf("cacao/cacao-json-schemas-v2.0-cs01/schemas")).Schemas!;

    public static TheoryData<string, bool> RecordedResults()
    {
        var data = new TheoryData<string, bool>();
        using var doc = JsonDocument.Parse(File.ReadAllText(SharedData.PathOf("cacao/validation_results.json")));
        foreach (var p in doc.RootElement.GetProperty("results").EnumerateObject())
        {
            if (p.Value.TryGetProperty("schemaValid", out var valid)) data.Add(p.Name, valid.GetBoolean());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RecordedResults))]
    public void SchemaValidation_AgreesWithRecordedResult(string relative, bool expectedValid)
    {
        var load = PlaybookReader.Read(File.ReadAllText(SharedData.PathOf("cacao/" + relative)), relative);
        var problems = Schemas.Validate(load);
        (problems.Count == 0).ShouldBe(expectedValid, string.Join("\n", problems));
    }

    [Theory]
    [InlineData("oasis-tcs-cacao/Examples/CACAO-2.0/basic-example-1.json")]
    [InlineData("oasis-tcs-cacao/Examples/CACAO-2.0/spec-3.1-example.json")]
    [InlineData("oasis-tcs-cacao/Examples/CACAO-2.0/locky-bart-mbc-examples.json")]
    [InlineData("soarca/test/playbooks/playbook.json")]
    [InlineData("soarca/test/playbooks/parallels_playbook.json")]
    [InlineData("soarca/examples/http-playbook.json")]
    [InlineData("soarca/examples/ssh-playbook.json")]
    public void ValidPlaybooks_HaveNoErrors(string relative)
    {
        var load = PlaybookValidator.ValidateFile(SharedData.PathOf("cacao/" + relative), Schemas);
        load.Errors.ShouldBeEmpty();
        load.IsValid.ShouldBeTrue();
    }

    [Theory]
    [InlineData("invalid_playbook.json", "value must be 'http-api'")]
    [InlineData("missing_step_playbook.json", "step end--6b23c237-ade8-4d00-9aa1-75999738d558 does not exist")]
    [InlineData("infinite_playbook.json", "loop detected")]
    [InlineData("invalid_email_playbook.json", "invalid email")]
    public void SoarcaNegatives_GiveTheExpectedError(string file, string expected)
    {
        var load = PlaybookValidator.ValidateFile(SharedData.PathOf("cacao/soarca/test/playbooks/" + file), Schemas);
        load.IsValid.ShouldBeFalse();
        load.Errors.Select(e => e.ToString()).ShouldContain(e => e.Contains(expected, StringComparison.Ordinal));
    }
}
