using System.Text.Json;
using Ensuresec.JsonSchema;

namespace Ensuresec.JsonSchema.Tests;

public sealed class BadInputTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public void Add_NotJson_ReturnsErrorNamingTheSchema()
    {
        var result = new SchemaRegistry().Add("{\"type\": ", "file:///x/schema.json");
        result.IsSuccess.ShouldBeFalse();
        result.Error!.ShouldContain("file:///x/schema.json");
    }

    [Fact]
    public void Add_UnsupportedDraft_ReturnsError()
    {
        var result = new SchemaRegistry().Add("{\"$schema\": \"http://json-schema.org/draft-04/schema#\"}");
        result.Error!.ShouldContain("unsupported $schema");
    }

    [Fact]
    public void Add_DeeplyNested_ReturnsErrorInsteadOfThrowing()
    {
        string deep = string.Concat(Enumerable.Repeat("{\"not\":", 500)) + "true" + new string('}', 500);
        new SchemaRegistry().Add(deep).IsSuccess.ShouldBeFalse();
    }

    [Fact]
    public void Validate_RefCycleThatConsumesNoInput_FailsWithClearError()
    {
        var registry = new SchemaRegistry();
        var added = registry.Add("{\"$defs\": {\"a\": {\"$ref\": \"#/$defs/b\"}, \"b\": {\"$ref\": \"#/$defs/a\"}}, \"$ref\": \"#/$defs/a\"}");
        var result = registry.Validate(Json("1"), added.Uri!);
        result.IsValid.ShouldBeFalse();
        result.Errors[0].Message.ShouldContain("$ref cycle");
    }

    [Fact]
    public void Validate_UnresolvableRef_IsAnErrorNotAnException()
    {
        var registry = new SchemaRegistry();
        var added = registry.Add("{\"$ref\": \"https://example.invalid/missing.json\"}");
        registry.Validate(Json("1"), added.Uri!).Errors.ShouldHaveSingleItem().Message.ShouldContain("cannot resolve");
    }

    [Fact]
    public void Validate_CatastrophicPattern_TimesOutAsMismatch()
    {
        var registry = new SchemaRegistry();
        var added = registry.Add("{\"pattern\": \"^(a+)+$\"}");
        var result = registry.Validate(Json("\"" + new string('a', 40) + "!\""), added.Uri!);
        result.IsValid.ShouldBeFalse();
    }

    [Fact]
    public void Validate_SingleValueEnum_SaysWhichValueIsRequired()
    {
        var registry = new SchemaRegistry(SchemaDraft.Draft7);
        var added = registry.Add("{\"properties\": {\"type\": {\"enum\": [\"http-api\"]}}}");
        var error = registry.Validate(Json("{\"type\": \"invalid\"}"), added.Uri!).Errors.ShouldHaveSingleItem();
        error.Message.ShouldContain("value must be 'http-api'");
        error.InstancePath.ShouldBe("/type");
    }

    [Fact]
    public void Validate_HugeNumbers_CompareWithoutOverflow()
    {
        var registry = new SchemaRegistry();
        var added = registry.Add("{\"maximum\": 1e300, \"multipleOf\": 0.5}");
        registry.Validate(Json("1e301"), added.Uri!).IsValid.ShouldBeFalse();
        registry.Validate(Json("123456789012345678901234567890"), added.Uri!).IsValid.ShouldBeTrue();
    }
}
