using System.Text.Json;
using System.Text.Json.Nodes;
using Ensuresec.JsonSchema;
using FsCheck;
using FsCheck.Fluent;

namespace Ensuresec.JsonSchema.Tests;

public sealed class PropertyTests
{
    private static Gen<JsonNode?> Value(int depth) => depth <= 0
        ? Gen.OneOf(
            Gen.Choose(-1000, 1000).Select(i => (JsonNode?)JsonValue.Create(i)),
            Gen.Elements("a", "b", "ü", "", "~/").Select(s => (JsonNode?)JsonValue.Create(s)),
            Gen.Elements(true, false).Select(b => (JsonNode?)JsonValue.Create(b)),
            Gen.Constant<JsonNode?>(null))
        : Gen.OneOf(
            Value(0),
            Gen.ListOf(Value(depth - 1), 3).Select(items => (JsonNode?)new JsonArray(items.Select(i => i?.DeepClone()).ToArray())),
            Gen.ListOf(Gen.Elements("x", "y", "z").Zip(Value(depth - 1)), 3).Select(pairs =>
            {
                var o = new JsonObject();
                foreach (var (k, v) in pairs) o[k] = v?.DeepClone();
                return (JsonNode?)o;
            }));

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public void ConstAndEnumOfAValue_AcceptThatValue_AndItsReorderedCopy()
    {
        Prop.ForAll(Value(3).ToArbitrary(), node =>
        {
            string json = node?.ToJsonString() ?? "null";
            var registry = new SchemaRegistry();
            string constUri = registry.Add("{\"const\": " + json + "}").Uri!;
            string enumUri = registry.Add("{\"enum\": [0, " + json + "]}").Uri!;
            // Object keys in reverse order are the same JSON value.
            string reordered = node is JsonObject o ? new JsonObject(o.Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))).ToJsonString() : json;
            return registry.Validate(Parse(json), constUri).IsValid
                && registry.Validate(Parse(reordered), constUri).IsValid
                && registry.Validate(Parse(json), enumUri).IsValid;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void IntegerAndItsDecimalSpelling_AreEqualForConst()
    {
        Prop.ForAll(Gen.Choose(-100000, 100000).ToArbitrary(), i =>
        {
            var registry = new SchemaRegistry();
            string uri = registry.Add("{\"const\": " + i + "}").Uri!;
            return registry.Validate(Parse(i + ".0"), uri).IsValid && !registry.Validate(Parse(i + ".5"), uri).IsValid;
        }).QuickCheckThrowOnFailure();
    }
}
