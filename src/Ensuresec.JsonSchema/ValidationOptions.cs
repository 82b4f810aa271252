namespace Ensuresec.JsonSchema;

/// <summary>How strictly to validate.</summary>
public sealed record ValidationOptions
{
    /// <summary>
    /// Check <c>format</c> values (date-time, email, ipv4, ...). Both drafts make <c>format</c> an annotation by
    /// default, so this is off unless asked for.
    /// </summary>
    public bool AssertFormat { get; init; }

    /// <summary>Nesting of schema evaluation beyond which validation stops with an error (a $ref cycle that consumes no input).</summary>
    public int MaxDepth { get; init; } = 256;

    /// <summary>Errors kept in the result; validation still decides validity past this.</summary>
    public int MaxErrors { get; init; } = 100;

    public static readonly ValidationOptions Default = new();
}
