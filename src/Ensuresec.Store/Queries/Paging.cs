namespace Ensuresec.Store.Queries;

/// <summary>Page sizes: a client cannot ask for the whole table at once.</summary>
public static class Paging
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    internal static int ClampLimit(int limit) => Math.Clamp(limit, 1, MaxLimit);

    internal static long ClampOffset(long offset) => Math.Max(0, offset);
}
