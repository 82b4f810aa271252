namespace Ensuresec.Store.Queries;

/// <summary>One page of results, with the total that matched and the offset of the next page (null at the end).</summary>
public sealed record ResultPage<T>(IReadOnlyList<T> Items, long Total, int Limit, long Offset)
{
    public long? NextOffset => Offset + Items.Count < Total ? Offset + Items.Count : null;
}
