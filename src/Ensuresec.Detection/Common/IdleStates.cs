namespace Ensuresec.Detection.Common;

/// <summary>Bounds a detector's per-key state: keys not seen for a while are dropped on the detector's clock.</summary>
internal static class IdleStates
{
    /// <summary>Removes every key whose state was last seen at least <paramref name="idle"/> before <paramref name="now"/>.</summary>
    public static void Expire<T>(Dictionary<string, T> states, DateTimeOffset now, TimeSpan idle, Func<T, DateTimeOffset> lastSeen)
    {
        List<string>? stale = null;
        foreach (var (k, s) in states)
        {
            if (now - lastSeen(s) >= idle) (stale ??= []).Add(k);
        }

        stale?.ForEach(k => states.Remove(k));
    }
}
