using System.Text.Json;
using Ensuresec.Assessment.Catalogue;
using Ensuresec.Assessment.Model;
using Ensuresec.Assessment.Tests.Support;

namespace Ensuresec.Assessment.Tests.Model;

/// <summary>The published JSON schema and the loader must agree on every key and every enumerated value.</summary>
public sealed class SchemaTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(File.ReadAllText(Models.RepositoryPath("docs/assessment-model.schema.json"))).RootElement;

    private static JsonElement Def(string name) => Schema.GetProperty("$defs").GetProperty(name);

    private static List<string> Keys(JsonElement obj) => [.. obj.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];

    [Fact]
    public void Schema_KeysMatchWhatTheLoaderAccepts()
    {
        Keys(Schema).ShouldBe(ModelLoader.RootKeys.Order(StringComparer.Ordinal));
        Keys(Def("zone")).ShouldBe(ModelLoader.ZoneKeys.Order(StringComparer.Ordinal));
        Keys(Def("asset")).ShouldBe(ModelLoader.AssetKeys.Order(StringComparer.Ordinal));
        Keys(Def("weakness")).ShouldBe(ModelLoader.WeaknessKeys.Order(StringComparer.Ordinal));
        Keys(Def("connection")).ShouldBe(ModelLoader.ConnectionKeys.Order(StringComparer.Ordinal));
        Keys(Def("threat")).ShouldBe(ThreatReader.ThreatKeys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Schema_AssetTypesMatchTheKnownTypes()
    {
        var types = Def("asset").GetProperty("properties").GetProperty("type").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!);
        types.Order(StringComparer.Ordinal).ShouldBe(AssetTypes.Names);
    }
}
