using Ensuresec.Detection.Common;

namespace Ensuresec.Detection.Flood;

/// <summary>
/// Counts one key's events in tumbling windows and estimates the sliding-window rate as
/// previous × (unelapsed share) + current, so a burst across a boundary is not halved.
/// Also counts the sub-keys (paths of an address, addresses of a path), capped, to measure concentration.
/// </summary>
internal sealed class RateWindow(int maxSubKeys)
{
    private readonly Dictionary<string, int> _sub = new(StringComparer.Ordinal);
    private int[]? _sorted;
    private int _sortedAt;

    public DateTimeOffset Start { get; private set; } = DateTimeOffset.MinValue;

    public int Current { get; private set; }

    public int Previous { get; private set; }

    public DateTimeOffset LastSeen { get; private set; } = DateTimeOffset.MinValue;

    public Evidence Evidence { get; } = new();

    public string? TopSubKey { get; private set; }

    public int TopSubCount { get; private set; }

    public IReadOnlyDictionary<string, int> SubCounts => _sub;

    /// <summary>Counts an event; returns the completed windows (count and how many windows elapsed) it closed, if any.</summary>
    public (int Closed, int Elapsed) Add(DateTimeOffset at, TimeSpan window, string subKey, string eventId)
    {
        var closed = (0, 0);
        if (Start == DateTimeOffset.MinValue)
        {
            Start = at;
        }
        else if (at < Start - window)
        {
            // The clock went back by more than a window (logs of two servers, or of two days, read one after the
            // other): start afresh there rather than count a window that would never close.
            Roll(Start + window, window);
            Previous = 0;
            Start = at;
            LastSeen = at;
        }
        else if (at >= Start + window)
        {
            closed = Roll(at, window);
        }

        Current++;
        if (at > LastSeen) LastSeen = at;
        Evidence.Add(eventId, at);
        if (_sub.TryGetValue(subKey, out int n) || _sub.Count < maxSubKeys)
        {
            _sub[subKey] = ++n;
            if (n > TopSubCount)
            {
                TopSubCount = n;
                TopSubKey = subKey;
            }
        }

        return closed;
    }

    /// <summary>Closes the current window at <paramref name="at"/>; returns its count and how many windows passed.</summary>
    public (int Closed, int Elapsed) Roll(DateTimeOffset at, TimeSpan window)
    {
        long elapsed = (at - Start).Ticks / window.Ticks;
        if (elapsed < 1) return (0, 0);
        int closed = Current;
        Previous = elapsed == 1 ? Current : 0;
        Current = 0;
        Start += TimeSpan.FromTicks(window.Ticks * elapsed);
        _sub.Clear();
        _sorted = null;
        TopSubKey = null;
        TopSubCount = 0;
        Evidence.Clear();
        return (closed, (int)Math.Min(elapsed, int.MaxValue));
    }

    /// <summary>Estimated events in the sliding window ending at <paramref name="at"/>.</summary>
    public double Estimate(DateTimeOffset at, TimeSpan window)
    {
        double done = Math.Clamp((at - Start).Ticks / (double)window.Ticks, 0, 1);
        return Previous * (1 - done) + Current;
    }

    /// <summary>Sum of the <paramref name="top"/> largest sub-key counts in the current window.</summary>
    public int TopSum(int top)
    {
        if (top == 1) return TopSubCount;
        var sorted = SortedCounts();
        int sum = 0;
        for (int i = 0; i < sorted.Length && i < top; i++) sum += sorted[i];
        return sum;
    }

    /// <summary>Fewest busiest sub-keys whose counts reach <paramref name="share"/> of the current window, and their sum.</summary>
    public (int Keys, int Sum) Carrying(double share)
    {
        double target = share * Current;
        int keys = 0, sum = 0;
        foreach (int v in SortedCounts())
        {
            if (sum >= target) break;
            keys++;
            sum += v;
        }

        return (keys, sum);
    }

    // Sorting up to a few hundred counts on every request of a flood was the flood detector's largest cost
    // (measured); the sorted counts are reused until the window has grown by 1/32, so shares lag by at most ~3%.
    private int[] SortedCounts()
    {
        if (_sorted is not null && Current - _sortedAt <= Current / 32) return _sorted;
        _sorted = [.. _sub.Values];
        Array.Sort(_sorted, static (a, b) => b.CompareTo(a));
        _sortedAt = Current;
        return _sorted;
    }

    /// <summary>The <paramref name="top"/> busiest sub-keys, busiest first, ties by name for determinism.</summary>
    public IEnumerable<string> TopKeys(int top) =>
        _sub.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(top).Select(kv => kv.Key);
}
