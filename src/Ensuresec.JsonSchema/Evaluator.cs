using System.Text.Json;

namespace Ensuresec.JsonSchema;

/// <summary>
/// Evaluates a schema against an instance, keyword by keyword, for one validation run. Keyword groups live in
/// the partial files (values, arrays, objects); this file holds references and the applicators that combine subschemas.
/// </summary>
internal sealed partial class Evaluator
{
    private readonly SchemaRegistry _registry;
    private readonly ValidationOptions _options;

    public Evaluator(SchemaRegistry registry, ValidationOptions options)
    {
        _registry = registry;
        _options = options;
    }

    public Outcome Evaluate(SchemaNode node, JsonElement instance, string instancePath, string keywordPath, DynamicScope? scope, int depth)
    {
        var outcome = new Outcome();
        var schema = node.Element;
        if (depth > _options.MaxDepth)
        {
            outcome.Fail(instancePath, keywordPath, $"schema nesting deeper than {_options.MaxDepth} (a $ref cycle that consumes no input?)");
            return outcome;
        }

        switch (schema.ValueKind)
        {
            case JsonValueKind.True:
                return outcome;
            case JsonValueKind.False:
                outcome.Fail(instancePath, keywordPath, "no value is allowed here");
                return outcome;
            case JsonValueKind.Object:
                break;
            default:
                outcome.Fail(instancePath, keywordPath, $"invalid schema: {JsonValues.KindName(schema)} is not a schema");
                return outcome;
        }

        if (scope is null || !string.Equals(scope.ResourceUri, node.BaseUri, StringComparison.Ordinal)) scope = new DynamicScope(node.BaseUri, scope);
        var ctx = new Context(node, instance, instancePath, keywordPath, scope, depth, outcome);
        if (schema.TryGetProperty("$ref", out var reference))
        {
            Ref(ctx, reference, "$ref");
            if (node.Draft == SchemaDraft.Draft7) return outcome;
        }

        bool modern = node.Draft == SchemaDraft.Draft202012;
        if (modern && schema.TryGetProperty("$dynamicRef", out var dynamicRef)) DynamicRef(ctx, dynamicRef);
        Values(ctx);
        if (instance.ValueKind == JsonValueKind.Array) Arrays(ctx, modern);
        if (instance.ValueKind == JsonValueKind.Object) Objects(ctx, modern);
        Combinators(ctx);
        if (modern && instance.ValueKind == JsonValueKind.Array && schema.TryGetProperty("unevaluatedItems", out var ui)) UnevaluatedItems(ctx, ui);
        if (modern && instance.ValueKind == JsonValueKind.Object && schema.TryGetProperty("unevaluatedProperties", out var up)) UnevaluatedProperties(ctx, up);
        return outcome;
    }

    private Outcome Sub(Context ctx, JsonElement subschema, JsonElement instance, string instancePath, string keywordPath) =>
        Evaluate(ctx.Node.Child(subschema), instance, instancePath, keywordPath, ctx.Scope, ctx.Depth + 1);

    private void Ref(Context ctx, JsonElement reference, string keyword)
    {
        string path = ctx.KeywordPath + "/" + keyword;
        if (reference.ValueKind != JsonValueKind.String)
        {
            ctx.Outcome.Fail(ctx.InstancePath, path, $"invalid schema: {keyword} must be a string");
            return;
        }

        string absolute = UriText.Resolve(ctx.Node.BaseUri, reference.GetString()!);
        var target = _registry.Resolve(absolute, out string? error);
        if (target is null)
        {
            ctx.Outcome.Fail(ctx.InstancePath, path, error!);
            return;
        }

        ctx.Outcome.Absorb(Evaluate(target.Value, ctx.Instance, ctx.InstancePath, path, ctx.Scope, ctx.Depth + 1));
    }

    /// <summary>
    /// <c>$dynamicRef</c>: like <c>$ref</c>, except that when its target declares a matching <c>$dynamicAnchor</c>,
    /// the outermost resource in the dynamic scope that declares the same dynamic anchor wins.
    /// </summary>
    private void DynamicRef(Context ctx, JsonElement reference)
    {
        string path = ctx.KeywordPath + "/$dynamicRef";
        if (reference.ValueKind != JsonValueKind.String)
        {
            ctx.Outcome.Fail(ctx.InstancePath, path, "invalid schema: $dynamicRef must be a string");
            return;
        }

        string absolute = UriText.Resolve(ctx.Node.BaseUri, reference.GetString()!);
        var target = _registry.Resolve(absolute, out string? error);
        if (target is null)
        {
            ctx.Outcome.Fail(ctx.InstancePath, path, error!);
            return;
        }

        string fragment = UriText.Fragment(absolute);
        if (fragment.Length > 0 && !fragment.StartsWith('/') && _registry.DynamicAnchor(UriText.WithoutFragment(absolute), fragment) is not null)
        {
            foreach (string resource in ctx.Scope.OutermostFirst())
            {
                if (_registry.DynamicAnchor(resource, fragment) is { } dynamicTarget)
                {
                    target = dynamicTarget;
                    break;
                }
            }
        }

        ctx.Outcome.Absorb(Evaluate(target.Value, ctx.Instance, ctx.InstancePath, path, ctx.Scope, ctx.Depth + 1));
    }

    private void Combinators(Context ctx)
    {
        var schema = ctx.Node.Element;
        if (schema.TryGetProperty("allOf", out var allOf) && allOf.ValueKind == JsonValueKind.Array)
        {
            int i = 0;
            foreach (var sub in allOf.EnumerateArray())
            {
                ctx.Outcome.Absorb(Sub(ctx, sub, ctx.Instance, ctx.InstancePath, $"{ctx.KeywordPath}/allOf/{i}"));
                i++;
            }
        }

        if (schema.TryGetProperty("anyOf", out var anyOf) && anyOf.ValueKind == JsonValueKind.Array)
        {
            var (passed, failures) = Branches(ctx, anyOf, "anyOf");
            if (passed.Count == 0) FailBranches(ctx, "anyOf", failures, $"matches none of the {failures.Count} alternatives");
        }

        if (schema.TryGetProperty("oneOf", out var oneOf) && oneOf.ValueKind == JsonValueKind.Array)
        {
            var (passed, failures) = Branches(ctx, oneOf, "oneOf");
            if (passed.Count == 0) FailBranches(ctx, "oneOf", failures, $"matches none of the {failures.Count} alternatives");
            else if (passed.Count > 1)
                ctx.Outcome.Fail(ctx.InstancePath, ctx.KeywordPath + "/oneOf", $"matches {passed.Count} alternatives ({string.Join(", ", passed)}), exactly one is allowed");
        }

        if (schema.TryGetProperty("not", out var not) && Sub(ctx, not, ctx.Instance, ctx.InstancePath, ctx.KeywordPath + "/not").IsValid)
        {
            ctx.Outcome.Fail(ctx.InstancePath, ctx.KeywordPath + "/not", "must not match the schema in 'not'");
        }

        if (schema.TryGetProperty("if", out var condition))
        {
            var test = Sub(ctx, condition, ctx.Instance, ctx.InstancePath, ctx.KeywordPath + "/if");
            if (test.IsValid) ctx.Outcome.MergeAnnotations(test);
            string branch = test.IsValid ? "then" : "else";
            if (schema.TryGetProperty(branch, out var then)) ctx.Outcome.Absorb(Sub(ctx, then, ctx.Instance, ctx.InstancePath, ctx.KeywordPath + "/" + branch));
        }
    }

    private (List<int> Passed, List<Outcome> Failures) Branches(Context ctx, JsonElement list, string keyword)
    {
        var passed = new List<int>();
        var failures = new List<Outcome>();
        int i = 0;
        foreach (var sub in list.EnumerateArray())
        {
            var result = Sub(ctx, sub, ctx.Instance, ctx.InstancePath, $"{ctx.KeywordPath}/{keyword}/{i}");
            if (result.IsValid)
            {
                passed.Add(i);
                ctx.Outcome.MergeAnnotations(result);
            }
            else
            {
                failures.Add(result);
            }

            i++;
        }

        return (passed, failures);
    }

    /// <summary>
    /// Reports a failed anyOf/oneOf with the errors of the alternative that came closest: the one whose errors
    /// reach deepest into the instance (it matched the most before failing), then the one with the fewest errors.
    /// </summary>
    private static void FailBranches(Context ctx, string keyword, List<Outcome> failures, string message)
    {
        ctx.Outcome.Fail(ctx.InstancePath, ctx.KeywordPath + "/" + keyword, message);
        var best = failures
            .OrderByDescending(f => f.Errors!.Max(e => e.InstancePath.Count(c => c == '/')))
            .ThenBy(f => f.Errors!.Count)
            .FirstOrDefault();
        if (best is not null) ctx.Outcome.AddErrors(best.Errors!.Take(10));
    }

    private sealed record Context(SchemaNode Node, JsonElement Instance, string InstancePath, string KeywordPath, DynamicScope Scope, int Depth, Outcome Outcome);
}
