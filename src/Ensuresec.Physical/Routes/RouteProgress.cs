using Ensuresec.Physical.Telemetry;

namespace Ensuresec.Physical.Routes;

/// <summary>
/// Where along its planned path a vehicle can be, so that a fix is judged against the part of the route the vehicle
/// has reached, not against any leg: a detour that runs beside another leg of the same route (one driven earlier, or
/// one still hours ahead) is still off its route. Positions are metres along the path. The vehicle is placed on the
/// route at its first fix inside the corridor; where that is ambiguous (the path passes the same place twice: the depot
/// at both ends, a road driven out and back) every stretch is kept as a candidate, and candidates that the vehicle
/// stops following are dropped. From a candidate, the vehicle may move back a little (a missed turn) or forward by as
/// far as it has driven since it was last on its route, plus a slack for GPS noise and for roads that the plan draws
/// as straight lines.
/// </summary>
internal sealed class RouteProgress
{
    /// <summary>At most this many candidate positions are kept (the nearest to the route win).</summary>
    private const int MaxCandidates = 16;

    /// <summary>A gap between fixes longer than this is a dropout: the vehicle may have driven at <see cref="DropoutSpeed"/> all along.</summary>
    private static readonly TimeSpan DropoutAfter = TimeSpan.FromMinutes(2);

    /// <summary>Metres per second a vehicle is assumed able to cover along its route while unseen (about 110 km/h).</summary>
    private const double DropoutSpeed = 30;

    private readonly IReadOnlyList<GeoPoint> _path;
    private readonly double[] _at;
    private readonly double _corridor, _slack, _backtrack;
    private List<double> _candidates = [];
    private double _reach;
    private GeoPoint? _last;
    private DateTimeOffset _lastAt;

    public RouteProgress(IReadOnlyList<GeoPoint> path, double corridor, double slack, double backtrack)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Count == 0) throw new ArgumentException("a route needs at least one position", nameof(path));
        _path = path;
        _at = new double[path.Count];
        for (int i = 1; i < path.Count; i++) _at[i] = _at[i - 1] + Geo.Distance(path[i - 1], path[i]);
        _corridor = corridor;
        _slack = slack;
        _backtrack = backtrack;
    }

    /// <summary>The candidate positions along the path, metres from its start (empty until the vehicle is first inside the corridor).</summary>
    public IReadOnlyList<double> Candidates => _candidates;

    /// <summary>
    /// Takes the next fix; returns the distance in metres from it to the part of the path the vehicle can have
    /// reached (the whole path while it was never placed), and moves the candidates along.
    /// </summary>
    public double Observe(GeoPoint p, DateTimeOffset at)
    {
        if (_last is { } last)
        {
            double step = Geo.Distance(last, p);
            var dt = at - _lastAt;
            _reach += dt > DropoutAfter ? Math.Max(step, DropoutSpeed * dt.TotalSeconds) : step;
        }

        _last = p;
        _lastAt = at;
        var matches = new List<(double Position, double Distance)>();
        double nearest = double.PositiveInfinity;
        if (_candidates.Count == 0)
        {
            nearest = Match(p, 0, _at[^1], matches, expected: null);
        }
        else
        {
            foreach (double s in _candidates) nearest = Math.Min(nearest, Match(p, s - _backtrack, s + _reach + _slack, matches, expected: s + _reach));
        }

        if (matches.Count > 0)
        {
            _candidates = Distinct(matches);
            _reach = 0;
        }

        return nearest;
    }

    /// <summary>Forgets where the vehicle was (it is at a depot or planned stop off its route): the next fix inside the corridor places it anew.</summary>
    public void Forget() => _candidates = [];

    /// <summary>
    /// The distance from p to the path between positions lo and hi; adds to matches the position within the corridor
    /// nearest to <paramref name="expected"/> (or every in-corridor stretch's nearest point when expected is null).
    /// </summary>
    private double Match(GeoPoint p, double lo, double hi, List<(double Position, double Distance)> matches, double? expected)
    {
        if (_path.Count == 1)
        {
            double d = Geo.Distance(p, _path[0]);
            if (d <= _corridor) matches.Add((0, d));
            return d;
        }

        double nearest = double.PositiveInfinity;
        (double Position, double Distance)? chosen = null;
        int found = Array.BinarySearch(_at, Math.Max(0, lo));
        int first = Math.Max(1, found >= 0 ? found : ~found);
        for (int k = first; k < _path.Count && _at[k - 1] <= hi; k++)
        {
            double start = _at[k - 1], length = _at[k] - start;
            if (_at[k] < lo) continue;
            double from = length == 0 ? 0 : Math.Clamp((lo - start) / length, 0, 1);
            double to = length == 0 ? 1 : Math.Clamp((hi - start) / length, 0, 1);
            var (t, d) = Geo.Project(p, _path[k - 1], _path[k], from, to);
            nearest = Math.Min(nearest, d);
            if (d > _corridor) continue;
            double position = start + t * length;
            if (expected is null) matches.Add((position, d));
            else if (chosen is not { } c || Math.Abs(position - expected.Value) < Math.Abs(c.Position - expected.Value)) chosen = (position, d);
        }

        if (chosen is { } best) matches.Add(best);
        return nearest;
    }

    /// <summary>One candidate per stretch: positions closer than two corridor widths along the path are one stretch; the nearest fix wins.</summary>
    private List<double> Distinct(List<(double Position, double Distance)> matches)
    {
        matches.Sort((a, b) => a.Position.CompareTo(b.Position));
        var kept = new List<(double Position, double Distance)>();
        foreach (var m in matches)
        {
            if (kept.Count > 0 && m.Position - kept[^1].Position < 2 * _corridor)
            {
                if (m.Distance < kept[^1].Distance) kept[^1] = m;
                continue;
            }

            kept.Add(m);
        }

        return kept.OrderBy(m => m.Distance).Take(MaxCandidates).Select(m => m.Position).Order().ToList();
    }
}
