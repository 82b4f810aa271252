using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Pipeline;
using Ensuresec.Detection.Common;

namespace Ensuresec.Detection.Flood;

/// <summary>
/// Request floods (T1498 / T1499.002). ES-WEB-001: one address sends many times the learned per-address rate,
/// mostly to one path. ES-WEB-002: one path receives many times its own learned rate, mostly from a few addresses.
/// Under that rule's floor, a path at many times its baseline, carried by up to ~20 busy addresses, is a slow flood.
/// A NAT (many pages), a flash sale (many addresses) and crawlers (announced, steady) stay quiet.
/// </summary>
internal sealed class RequestFloodDetector : IDetector
{
    public const string DetectorName = "request-flood";
    public const string SourceRule = "ES-WEB-001";
    public const string PathRule = "ES-WEB-002";
    private const byte SourceSlot = 0;
    private const byte PathSlot = 1;
    private const int MaxPathsPerSource = 64;
    private const int MaxSourcesPerPath = 256;
    private const double MinSampleShare = 0.2;

    private readonly RequestFloodOptions _o;
    private readonly Dictionary<string, SourceState> _sources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PathState> _paths = new(StringComparer.Ordinal);
    private double _populationMean;
    private long _populationSamples;

    public RequestFloodDetector(RequestFloodOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        _o = options;
    }

    public string Name => DetectorName;

    public void SelectKeys(SecurityEvent e, List<DetectorKey> keys)
    {
        if (e.Action != EventActions.HttpRequest) return;
        if (!string.IsNullOrEmpty(e.SourceIp)) keys.Add(new DetectorKey(SourceSlot, e.SourceIp));
        if (!string.IsNullOrEmpty(e.UrlPath)) keys.Add(new DetectorKey(PathSlot, e.UrlPath));
    }

    public void Observe(SecurityEvent e, DetectorKey key, IFindingSink findings)
    {
        if (key.Slot == SourceSlot) ObserveSource(e, key.Value, findings);
        else ObservePath(e, key.Value, findings);
    }

    public void Advance(DateTimeOffset now, IFindingSink findings)
    {
        List<string>? stale = null;
        foreach (var (ip, s) in _sources)
        {
            if (now - s.Window.LastSeen < _o.SourceIdleExpiry) continue;
            var (closed, _) = s.Window.Roll(now, _o.Window);
            Learn(closed, s.FiredThisWindow);
            (stale ??= []).Add(ip);
        }

        stale?.ForEach(ip => _sources.Remove(ip));
        stale?.Clear();
        foreach (var (path, p) in _paths)
        {
            var idle = now - p.Window.LastSeen;
            // A path seen once (a typo, a probe) needs no long memory; a path with a baseline keeps it for hours.
            if (idle >= _o.PathIdleExpiry || (p.Baseline < 0.5 && idle >= _o.SourceIdleExpiry)) (stale ??= []).Add(path);
        }

        stale?.ForEach(path => _paths.Remove(path));
    }

    private void ObserveSource(SecurityEvent e, string ip, IFindingSink findings)
    {
        if (!_sources.TryGetValue(ip, out var s))
        {
            if (_sources.Count >= _o.MaxTrackedSources) return;
            s = new SourceState();
            _sources[ip] = s;
        }

        var (closed, elapsed) = s.Window.Add(e.Timestamp, _o.Window, e.UrlPath ?? "-", e.Id);
        if (elapsed > 0)
        {
            Learn(closed, s.FiredThisWindow);
            s.FiredThisWindow = false;
        }

        if (Agents.IsKnownGood(e.UserAgent)) s.KnownAgent = true;
        double estimate = s.Window.Estimate(e.Timestamp, _o.Window);
        double baseline = _populationSamples > 0 ? _populationMean : 0;
        double threshold = Math.Max(_o.SourceMinRequests, _o.SourceBaselineMultiplier * baseline);
        if (s.KnownAgent) threshold *= _o.KnownAgentFactor;
        if (estimate < threshold) return;
        int current = s.Window.Current;
        // The share of the busiest path means something only once the current window holds enough requests.
        if (current < threshold * MinSampleShare) return;
        double share = s.Window.TopSubCount / (double)current;
        if (share < _o.SourceMinTopPathShare) return;
        s.FiredThisWindow = true;
        var severity = estimate >= threshold * 4 ? Severity.High : Severity.Medium;
        if (!s.Gate.TryFire(e.Timestamp, severity, estimate, _o.CoolDown, _o.EscalationFactor)) return;
        string top = s.Window.TopSubKey ?? "-";
        string vsBaseline = baseline > 0
            ? $", {Text.N(estimate / baseline)}x the per-address baseline of {Text.N(baseline)}{Per()}"
            : $", above the floor of {Text.N(_o.SourceMinRequests)}{Per()} (no baseline learned yet)";
        string explanation = $"{ip} sent {Text.N((long)Math.Round(estimate))} requests in {Text.Duration(_o.Window)}, {Text.Percent(share)} to {Text.Quote(top)}{vsBaseline}";
        Emit(findings, SourceRule, "T1499.002", severity, 0.8, ip, explanation, s.Window, (long)Math.Round(estimate), s.Gate.Firings, [Entity.Ip(ip), Entity.Url(top)]);
    }

    private void ObservePath(SecurityEvent e, string path, IFindingSink findings)
    {
        if (!_paths.TryGetValue(path, out var p))
        {
            if (_paths.Count >= _o.MaxTrackedPaths) return;
            p = new PathState();
            _paths[path] = p;
        }

        var (closed, elapsed) = p.Window.Add(e.Timestamp, _o.Window, e.SourceIp ?? "-", e.Id);
        if (elapsed > 0) LearnPath(p, closed, elapsed);
        double estimate = p.Window.Estimate(e.Timestamp, _o.Window);
        bool warm = p.WindowsSeen >= _o.PathWarmupWindows;
        double threshold = Math.Max(_o.PathMinRequests, warm ? _o.PathBaselineMultiplier * p.Baseline : 0);
        if (estimate >= threshold)
        {
            p.FiredThisWindow = true;
            int current = p.Window.Current;
            if (current < threshold * MinSampleShare) return;
            double share = p.Window.TopSum(_o.PathTopSources) / (double)current;
            if (share < _o.PathMinTopSourcesShare) return;
            ReportPath(e, path, p, estimate, threshold, share, _o.PathTopSources, findings);
            return;
        }

        // Low and slow: under the floor, but many times the path's learned rate and carried by a few busy addresses.
        double low = Math.Max(_o.PathConcentratedMinRequests, _o.PathBaselineMultiplier * p.Baseline);
        if (!warm || estimate < low) return;
        int now = p.Window.Current;
        if (now < low * MinSampleShare) return;
        var (sources, top) = p.Window.Carrying(_o.PathConcentratedShare);
        if (sources == 0 || sources > _o.PathConcentratedSources || top < sources * _o.PathConcentratedMinPerSource) return;
        p.SuspectedThisWindow = true;
        ReportPath(e, path, p, estimate, low, top / (double)now, sources, findings);
    }

    private void ReportPath(SecurityEvent e, string path, PathState p, double estimate, double threshold, double share, int sources, IFindingSink findings)
    {
        bool warm = p.WindowsSeen >= _o.PathWarmupWindows;
        var severity = estimate >= threshold * 4 ? Severity.Critical : Severity.High;
        if (!p.Gate.TryFire(e.Timestamp, severity, estimate, _o.CoolDown, _o.EscalationFactor)) return;
        var tops = p.Window.TopKeys(Math.Min(sources, 5)).ToList();
        string vsBaseline = warm && p.Baseline > 0
            ? $"{Text.N(estimate / p.Baseline)}x its learned baseline of {Text.N(p.Baseline)}{Per()}"
            : $"above the floor of {Text.N(_o.PathMinRequests)}{Per()} (no baseline learned yet)";
        string from = sources <= tops.Count ? string.Join(", ", tops) : $"{Text.N(sources)} addresses ({string.Join(", ", tops)}, ...)";
        string explanation = $"{Text.Quote(path)} received {Text.N((long)Math.Round(estimate))} requests in {Text.Duration(_o.Window)}, {vsBaseline}; {Text.Percent(share)} from {from}";
        var entities = new List<Entity>(tops.Count + 1);
        if (tops.Count > 0) entities.Add(Entity.Ip(tops[0]));
        entities.Add(Entity.Url(path));
        entities.AddRange(tops.Skip(1).Select(Entity.Ip));
        Emit(findings, PathRule, "T1498", severity, 0.75, path, explanation, p.Window, (long)Math.Round(estimate), p.Gate.Firings, entities);
    }

    private void Learn(int closedCount, bool fired)
    {
        if (closedCount <= 0) return;
        // Windows that fired would teach the baseline the attack; they are clamped to the floor instead.
        double sample = fired ? Math.Min(closedCount, _o.SourceMinRequests) : closedCount;
        _populationSamples++;
        double alpha = Math.Max(_o.BaselineAlpha / 10, 1.0 / _populationSamples);
        _populationMean += alpha * (sample - _populationMean);
    }

    private void LearnPath(PathState p, int closedCount, int elapsed)
    {
        double sample = p.FiredThisWindow ? Math.Min(closedCount, _o.PathMinRequests) : closedCount;
        // A suspected slow flood must not teach the baseline its rate, or it would be normal within the hour.
        if (p.SuspectedThisWindow) sample = Math.Min(sample, Math.Max(1, p.Baseline * 2));
        p.FiredThisWindow = false;
        p.SuspectedThisWindow = false;
        p.WindowsSeen++;
        double alpha = p.WindowsSeen <= 1 ? 1 : Math.Max(_o.BaselineAlpha, 1.0 / p.WindowsSeen);
        p.Baseline += alpha * (sample - p.Baseline);
        // Quiet windows in between count as zeros.
        if (elapsed > 1) p.Baseline *= Math.Pow(1 - _o.BaselineAlpha, Math.Min(elapsed - 1, 10_000));
    }

    private string Per() => _o.Window == TimeSpan.FromMinutes(1) ? "/min" : " per " + Text.Duration(_o.Window);

    private static void Emit(IFindingSink findings, string rule, string technique, Severity severity, double confidence, string key, string explanation, RateWindow w, long count, int firing, IReadOnlyList<Entity> entities)
    {
        findings.Emit(FindingBuilder.Create(DetectorName, rule, technique, severity, confidence, key, explanation, w.Evidence, firing, entities, evidenceCount: count));
    }

    private sealed class SourceState
    {
        public RateWindow Window { get; } = new(MaxPathsPerSource);

        public RuleGate Gate;

        public bool KnownAgent { get; set; }

        public bool FiredThisWindow { get; set; }
    }

    private sealed class PathState
    {
        public RateWindow Window { get; } = new(MaxSourcesPerPath);

        public RuleGate Gate;

        public double Baseline { get; set; }

        public int WindowsSeen { get; set; }

        public bool FiredThisWindow { get; set; }

        public bool SuspectedThisWindow { get; set; }
    }
}
