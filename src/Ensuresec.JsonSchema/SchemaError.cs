namespace Ensuresec.JsonSchema;

/// <summary>
/// One reason an instance failed: where in the instance (a JSON Pointer, "" for the root), which keyword
/// failed (its path through the schema), and a sentence a person can act on.
/// </summary>
public sealed record SchemaError(string InstancePath, string KeywordPath, string Message)
{
    public override string ToString() => $"{(InstancePath.Length == 0 ? "/" : InstancePath)}: {Message} ({KeywordPath})";
}
