using System.Text.Json;

namespace Ensuresec.JsonSchema;

/// <summary>Keywords on arrays: items (both drafts' forms), prefixItems, additionalItems, contains, sizes, uniqueness, unevaluatedItems.</summary>
internal sealed partial class Evaluator
{
    private void Arrays(Context ctx, bool modern)
    {
        var schema = ctx.Node.Element;
        var items = ctx.Instance.EnumerateArray().ToList();
        int prefix = 0;
        if (modern && schema.TryGetProperty("prefixItems", out var prefixItems) && prefixItems.ValueKind == JsonValueKind.Array)
            prefix = Positional(ctx, prefixItems, items, "prefixItems");
        if (schema.TryGetProperty("items", out var itemSchema))
        {
            if (!modern && itemSchema.ValueKind == JsonValueKind.Array)
            {
                prefix = Positional(ctx, itemSchema, items, "items");
                if (schema.TryGetProperty("additionalItems", out var additional)) Rest(ctx, additional, items, prefix, "additionalItems");
            }
            else
            {
                Rest(ctx, itemSchema, items, prefix, "items");
            }
        }

        if (schema.TryGetProperty("contains", out var contains)) Contains(ctx, contains, items, modern);
        if (schema.TryGetProperty("maxItems", out var max) && JsonValues.TryCount(max, out long maxItems) && items.Count > maxItems)
            ctx.Outcome.Fail(ctx.InstancePath, ctx.KeywordPath + "/maxItems", $"{items.Count} items, at most {Count(maxItems)} allowed");
        if (schema.TryGetProperty("minItems", out var min) && JsonValues.TryCount(min, out long minItems) && items.Count < minItems)
            ctx.Outcome.Fail(ctx.InstancePath, ctx.KeywordPath + "/minItems", $"{items.Count} items, at least {Count(minItems)} required");
        if (schema.TryGetProperty("uniqueItems", out var unique) && unique.ValueKind == JsonValueKind.True)
        {
            for (int i = 0; i < items.Count; i++)
            {
                for (int j = i + 1; j < items.Count; j++)
                {
                    if (!JsonValues.DeepEquals(items[i], items[j])) continue;
                    ctx.Outcome.Fail(ctx.InstancePath, ctx.KeywordPath + "/uniqueItems", $"items {i} and {j} are equal, items must be unique");
                    return;
                }
            }
        }
    }

    private int Positional(Context ctx, JsonElement schemas, List<JsonElement> items, string keyword)
    {
        int n = Math.Min(schemas.GetArrayLength(), items.Count);
        for (int i = 0; i < n; i++)
        {
            ctx.Outcome.AbsorbErrors(Sub(ctx, schemas[i], items[i], $"{ctx.InstancePath}/{i}", $"{ctx.KeywordPath}/{keyword}/{i}"));
            ctx.Outcome.EvaluatedItem(i);
        }

        return schemas.GetArrayLength();
    }

    private void Rest(Context ctx, JsonElement schema, List<JsonElement> items, int from, string keyword)
    {
        for (int i = from; i < items.Count; i++)
        {
            ctx.Outcome.AbsorbErrors(Sub(ctx, schema, items[i], $"{ctx.InstancePath}/{i}", $"{ctx.KeywordPath}/{keyword}"));
            ctx.Outcome.EvaluatedItem(i);
        }
    }

    private void Contains(Context ctx, JsonElement contains, List<JsonElement> items, bool modern)
    {
        var schema = ctx.Node.Element;
        int matched = 0;
        for (int i = 0; i < items.Count; i++)
        {
            if (!Sub(ctx, contains, items[i], $"{ctx.InstancePath}/{i}", ctx.KeywordPath + "/contains").IsValid) continue;
            matched++;
            if (modern) ctx.Outcome.EvaluatedItem(i);
        }

        long minContains = 1;
        if (modern && schema.TryGetProperty("minContains", out var min) && JsonValues.TryCount(min, out long m)) minContains = m;
        if (matched < minContains)
            ctx.Outcome.Fail(ctx.InstancePath, ctx.KeywordPath + "/contains", $"{matched} items match 'contains', at least {Count(minContains)} required");
        if (modern && schema.TryGetProperty("maxContains", out var max) && JsonValues.TryCount(max, out long maxContains) && matched > maxContains)
            ctx.Outcome.Fail(ctx.InstancePath, ctx.KeywordPath + "/maxContains", $"{matched} items match 'contains', at most {Count(maxContains)} allowed");
    }

    private void UnevaluatedItems(Context ctx, JsonElement schema)
    {
        int i = 0;
        foreach (var item in ctx.Instance.EnumerateArray())
        {
            if (ctx.Outcome.Items?.Contains(i) != true)
            {
                var result = Sub(ctx, schema, item, $"{ctx.InstancePath}/{i}", ctx.KeywordPath + "/unevaluatedItems");
                if (!result.IsValid && schema.ValueKind == JsonValueKind.False)
                    ctx.Outcome.Fail($"{ctx.InstancePath}/{i}", ctx.KeywordPath + "/unevaluatedItems", $"item {i} is not allowed here");
                else ctx.Outcome.AbsorbErrors(result);
            }

            i++;
        }

        for (int k = 0; k < i; k++) ctx.Outcome.EvaluatedItem(k);
    }
}
