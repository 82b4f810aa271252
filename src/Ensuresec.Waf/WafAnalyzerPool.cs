using System.Collections.Concurrent;
using Ensuresec.Waf.Model;

namespace Ensuresec.Waf;

/// <summary>Analysers for concurrent callers (web servers): each call borrows one, so their buffers are never shared.</summary>
public sealed class WafAnalyzerPool
{
    private readonly ConcurrentBag<WafAnalyzer> _idle = [];
    private readonly WafOptions _options;

    public WafAnalyzerPool(WafOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        _options = options;
    }

    public WafOptions Options => _options;

    public WafVerdict Analyze(HttpRequestData request)
    {
        if (!_idle.TryTake(out var analyzer)) analyzer = new WafAnalyzer(_options);
        try
        {
            return analyzer.Analyze(request);
        }
        finally
        {
            if (_idle.Count < Environment.ProcessorCount * 4) _idle.Add(analyzer);
        }
    }
}
