namespace Ensuresec.Core.Json;

/// <summary>The outcome of reading a value from JSON: the value, or a reason naming the field that was wrong.</summary>
public sealed record JsonReadResult<T>
    where T : class
{
    private JsonReadResult(T? value, string? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The value read; null when <see cref="Error"/> is set.</summary>
    public T? Value { get; }

    /// <summary>Why reading failed, starting with the field path (e.g. "entities[1].kind: missing").</summary>
    public string? Error { get; }

    public bool Ok => Error is null;

    public static JsonReadResult<T> Success(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    public static JsonReadResult<T> Failure(string error) => new(null, error ?? throw new ArgumentNullException(nameof(error)));
}
