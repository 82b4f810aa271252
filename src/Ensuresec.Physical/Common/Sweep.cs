namespace Ensuresec.Physical.Common;

/// <summary>
/// Says when forgetting idle keys is due: at most once per period of event time, so that Advance, called every
/// minute, does not walk every parcel or sensor every minute.
/// </summary>
internal sealed class Sweep(TimeSpan every)
{
    private DateTimeOffset _last = DateTimeOffset.MinValue;

    public bool Due(DateTimeOffset now)
    {
        if (_last != DateTimeOffset.MinValue && now - _last < every) return false;
        _last = now;
        return true;
    }
}
