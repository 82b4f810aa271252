using System.Text.Json;

namespace Ensuresec.JsonSchema;

/// <summary>Keywords on objects: properties and their patterns, additional and unevaluated properties, names, required, sizes, dependencies.</summary>
internal sealed partial class Evaluator
{
    private void Objects(Context ctx, bool modern)
    {
        var schema = ctx.Node.Element;
        var instance = ctx.Instance;
        schema.TryGetProperty("properties", out var properties);
        schema.TryGetProperty("patternProperties", out var patterns);
        bool hasAdditional = schema.TryGetProperty("additionalProperties", out var additional);
        int count = 0;
        foreach (var p in instance.EnumerateObject())
        {
            count++;
            string path = ctx.InstancePath + "/" + JsonValues.Escape(p.Name);
            bool known = false;
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(p.Name, out var propertySchema))
            {
                known = true;
                ctx.Outcome.AbsorbErrors(Sub(ctx, propertySchema, p.Value, path, $"{ctx.KeywordPath}/properties/{JsonValues.Escape(p.Name)}"));
            }

            if (patterns.ValueKind == JsonValueKind.Object)
            {
                foreach (var pattern in patterns.EnumerateObject())
                {
                    var regex = Compile(pattern.Name);
                    if (regex is null || !Matches(regex, p.Name)) continue;
                    known = true;
                    ctx.Outcome.AbsorbErrors(Sub(ctx, pattern.Value, p.Value, path, $"{ctx.KeywordPath}/patternProperties/{JsonValues.Escape(pattern.Name)}"));
                }
            }

            if (!known && hasAdditional)
            {
                var result = Sub(ctx, additional, p.Value, path, ctx.KeywordPath + "/additionalProperties");
                if (!result.IsValid && additional.ValueKind == JsonValueKind.False)
                    ctx.Outcome.Fail(path, ctx.KeywordPath + "/additionalProperties", $"property '{p.Name}' is not allowed");
                else ctx.Outcome.AbsorbErrors(result);
                known = true;
            }

            if (known) ctx.Outcome.EvaluatedProperty(p.Name);
        }

        if (schema.TryGetProperty("propertyNames", out var names))
        {
            foreach (var p in instance.EnumerateObject())
            {
                using var nameDoc = JsonDocument.Parse(JsonSerializer.Serialize(p.Name));
                var result = Sub(ctx, names, nameDoc.RootElement.Clone(), ctx.InstancePath + "/" + JsonValues.Escape(p.Name), ctx.KeywordPath + "/propertyNames");
                if (!result.IsValid) ctx.Outcome.Fail(ctx.InstancePath, ctx.KeywordPath + "/propertyNames", $"property name '{p.Name}' is not allowed: {result.Errors![0].Message}");
            }
        }

        if (schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
        {
            foreach (var r in required.EnumerateArray())
            {
                if (r.ValueKind == JsonValueKind.String && !instance.TryGetProperty(r.GetString()!, out _))
                    ctx.Outcome.Fail(ctx.InstancePath, ctx.KeywordPath + "/required", $"required property '{r.GetString()}' is missing");
            }
        }

        if (schema.TryGetProperty("maxProperties", out var max) && JsonValues.TryCount(max, out long maxProperties) && count > maxProperties)
            ctx.Outcome.Fail(ctx.InstancePath, ctx.KeywordPath + "/maxProperties", $"{count} properties, at most {Count(maxProperties)} allowed");
        if (schema.TryGetProperty("minProperties", out var min) && JsonValues.TryCount(min, out long minProperties) && count < minProperties)
            ctx.Outcome.Fail(ctx.InstancePath, ctx.KeywordPath + "/minProperties", $"{count} properties, at least {Count(minProperties)} required");
        if (!modern && schema.TryGetProperty("dependencies", out var dependencies)) Dependencies(ctx, dependencies, "dependencies", requiredOnly: false);
        if (modern && schema.TryGetProperty("dependentRequired", out var dependentRequired)) Dependencies(ctx, dependentRequired, "dependentRequired", requiredOnly: true);
        if (modern && schema.TryGetProperty("dependentSchemas", out var dependentSchemas)) Dependencies(ctx, dependentSchemas, "dependentSchemas", requiredOnly: false);
    }

    private void Dependencies(Context ctx, JsonElement dependencies, string keyword, bool requiredOnly)
    {
        if (dependencies.ValueKind != JsonValueKind.Object) return;
        foreach (var d in dependencies.EnumerateObject())
        {
            if (!ctx.Instance.TryGetProperty(d.Name, out _)) continue;
            string path = $"{ctx.KeywordPath}/{keyword}/{JsonValues.Escape(d.Name)}";
            if (d.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var r in d.Value.EnumerateArray())
                {
                    if (r.ValueKind == JsonValueKind.String && !ctx.Instance.TryGetProperty(r.GetString()!, out _))
                        ctx.Outcome.Fail(ctx.InstancePath, path, $"property '{r.GetString()}' is required when '{d.Name}' is present");
                }
            }
            else if (!requiredOnly)
            {
                ctx.Outcome.Absorb(Sub(ctx, d.Value, ctx.Instance, ctx.InstancePath, path));
            }
        }
    }

    private void UnevaluatedProperties(Context ctx, JsonElement schema)
    {
        var evaluated = ctx.Outcome.Properties;
        var names = new List<string>();
        foreach (var p in ctx.Instance.EnumerateObject())
        {
            names.Add(p.Name);
            if (evaluated?.Contains(p.Name) == true) continue;
            string path = ctx.InstancePath + "/" + JsonValues.Escape(p.Name);
            var result = Sub(ctx, schema, p.Value, path, ctx.KeywordPath + "/unevaluatedProperties");
            if (!result.IsValid && schema.ValueKind == JsonValueKind.False)
                ctx.Outcome.Fail(path, ctx.KeywordPath + "/unevaluatedProperties", $"property '{p.Name}' is not allowed");
            else ctx.Outcome.AbsorbErrors(result);
        }

        foreach (string name in names) ctx.Outcome.EvaluatedProperty(name);
    }
}
