using System.Diagnostics.CodeAnalysis;

namespace Ensuresec.Ledger;

/// <summary>The outcome of reading outside input: a value, or a reason why not (never both).</summary>
internal readonly record struct Parsed<T>(T? Value, string? Error)
{
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Ok => Error is null;

    public static Parsed<T> Success(T value) => new(value, null);

    public static Parsed<T> Fail(string error) => new(default, error);
}
