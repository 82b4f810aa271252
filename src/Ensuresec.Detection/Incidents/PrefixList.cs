using System.Collections;

namespace Ensuresec.Detection.Incidents;

/// <summary>The first <paramref name="count"/> items of a list that only ever grows at its end: a snapshot of it that later appends do not change.</summary>
internal sealed class PrefixList<T>(List<T> items, int count) : IReadOnlyList<T>
{
    public int Count => count;

    public T this[int index] => (uint)index < (uint)count ? items[index] : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<T> GetEnumerator()
    {
        for (int i = 0; i < count; i++) yield return items[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
