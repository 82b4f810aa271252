namespace Ensuresec.JsonSchema;

/// <summary>The outcome of validating one instance: valid, or the errors (never both).</summary>
public sealed record ValidationResult(IReadOnlyList<SchemaError> Errors)
{
    public bool IsValid => Errors.Count == 0;

    public static readonly ValidationResult Valid = new([]);
}
