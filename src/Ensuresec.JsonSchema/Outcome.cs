namespace Ensuresec.JsonSchema;

/// <summary>
/// The result of evaluating one schema against one instance location: its errors, and the annotations
/// (which properties and items it evaluated) that <c>unevaluatedProperties</c>/<c>unevaluatedItems</c> read.
/// </summary>
internal sealed class Outcome
{
    public List<SchemaError>? Errors { get; private set; }

    public HashSet<string>? Properties { get; private set; }

    public HashSet<int>? Items { get; private set; }

    public bool IsValid => Errors is null;

    public void Fail(string instancePath, string keywordPath, string message) => (Errors ??= []).Add(new SchemaError(instancePath, keywordPath, message));

    public void AddErrors(IEnumerable<SchemaError> errors) => (Errors ??= []).AddRange(errors);

    public void EvaluatedProperty(string name) => (Properties ??= new(StringComparer.Ordinal)).Add(name);

    public void EvaluatedItem(int index) => (Items ??= []).Add(index);

    /// <summary>Takes a subschema's outcome: its errors always, its annotations only when it passed (failed subschemas annotate nothing).</summary>
    public void Absorb(Outcome child)
    {
        if (child.Errors is not null)
        {
            AddErrors(child.Errors);
            return;
        }

        MergeAnnotations(child);
    }

    /// <summary>Takes only the errors of a subschema applied at another instance location (its annotations are about that location).</summary>
    public void AbsorbErrors(Outcome child)
    {
        if (child.Errors is not null) AddErrors(child.Errors);
    }

    public void MergeAnnotations(Outcome child)
    {
        if (child.Properties is not null) (Properties ??= new(StringComparer.Ordinal)).UnionWith(child.Properties);
        if (child.Items is not null) (Items ??= []).UnionWith(child.Items);
    }
}
