namespace Ensuresec.JsonSchema;

/// <summary>The URI of an added schema, or why it could not be added.</summary>
public sealed record SchemaAddResult(string? Uri, string? Error)
{
    public bool IsSuccess => Error is null;

    public static SchemaAddResult Success(string uri) => new(uri, null);

    public static SchemaAddResult Failure(string error) => new(null, error);
}
