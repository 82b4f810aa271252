namespace Ensuresec.Detection.Accounts;

/// <summary>
/// The site's sign-ups per minute over the long window (a ring, so its size is fixed whatever the volume), and the
/// sign-ups before it as an exponentially fading history: the denominator of every source's share.
/// </summary>
internal sealed class SignupCounts
{
    private readonly long[] _minute;
    private readonly int[] _count;
    private readonly TimeSpan _halfLife;
    private readonly FadingCount _history = new();

    public SignupCounts(TimeSpan longWindow, TimeSpan halfLife)
    {
        int minutes = (int)Math.Ceiling(longWindow.TotalMinutes);
        _minute = new long[minutes];
        Array.Fill(_minute, long.MinValue);
        _count = new int[minutes];
        _halfLife = halfLife;
    }

    public void Add(DateTimeOffset at)
    {
        long m = Minute(at);
        int slot = Slot(m);
        if (_minute[slot] != m)
        {
            Retire(slot, at);
            _minute[slot] = m;
        }

        _count[slot]++;
    }

    /// <summary>Sign-ups in (now − window, now].</summary>
    public long Within(DateTimeOffset now, TimeSpan window) => Sum(Minute(now) - (long)Math.Ceiling(window.TotalMinutes), Minute(now));

    /// <summary>Sign-ups before the window: the long window's older part plus the faded history.</summary>
    public double Before(DateTimeOffset now, TimeSpan window) =>
        Sum(Minute(now) - _minute.Length, Minute(now) - (long)Math.Ceiling(window.TotalMinutes)) + _history.Value(now, _halfLife) + Stale(now);

    // Minutes past the ring's span whose slot has not been reused yet: history, faded like the rest.
    private double Stale(DateTimeOffset now)
    {
        long oldest = Minute(now) - _minute.Length;
        double sum = 0;
        for (int i = 0; i < _minute.Length; i++)
        {
            if (_minute[i] != long.MinValue && _minute[i] <= oldest && _count[i] > 0)
            {
                sum += _count[i] * Math.Pow(0.5, (now - new DateTimeOffset(_minute[i] * TimeSpan.TicksPerMinute, TimeSpan.Zero)) / _halfLife);
            }
        }

        return sum;
    }

    private long Sum(long afterMinute, long toMinute)
    {
        long sum = 0;
        for (int i = 0; i < _minute.Length; i++)
        {
            if (_minute[i] > afterMinute && _minute[i] <= toMinute) sum += _count[i];
        }

        return sum;
    }

    // A minute leaving the ring joins the faded history.
    private void Retire(int slot, DateTimeOffset now)
    {
        if (_minute[slot] == long.MinValue || _count[slot] == 0)
        {
            _count[slot] = 0;
            return;
        }

        var at = new DateTimeOffset(_minute[slot] * TimeSpan.TicksPerMinute, TimeSpan.Zero);
        _history.Add(_count[slot], at, now, _halfLife);
        _count[slot] = 0;
    }

    private int Slot(long minute) => (int)(((minute % _minute.Length) + _minute.Length) % _minute.Length);

    private static long Minute(DateTimeOffset at) => at.UtcTicks / TimeSpan.TicksPerMinute;
}

/// <summary>A count whose old parts weigh less: each unit halves in weight every half-life.</summary>
internal sealed class FadingCount
{
    private double _value;
    private DateTimeOffset _at = DateTimeOffset.MinValue;

    public void Add(double count, DateTimeOffset happened, DateTimeOffset now, TimeSpan halfLife)
    {
        _value = Value(now, halfLife) + (count * Fade(now - happened, halfLife));
        _at = now;
    }

    public double Value(DateTimeOffset now, TimeSpan halfLife) => _at == DateTimeOffset.MinValue ? 0 : _value * Fade(now - _at, halfLife);

    private static double Fade(TimeSpan age, TimeSpan halfLife) => age <= TimeSpan.Zero ? 1 : Math.Pow(0.5, age / halfLife);
}
