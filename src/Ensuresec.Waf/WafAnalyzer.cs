using Ensuresec.Waf.Detectors;
using Ensuresec.Waf.Detectors.Sql;
using Ensuresec.Waf.Inputs;
using Ensuresec.Waf.Model;
using Ensuresec.Waf.Normalization;
using Ensuresec.Waf.Protocol;

namespace Ensuresec.Waf;

/// <summary>
/// The request analyser: protocol and scanner checks on the request as a whole, then every value (path, query and
/// body arguments with their names, headers, cookies) normalised once and given to the detectors of each class.
/// Not thread-safe (it reuses buffers): use one per thread, or <see cref="WafAnalyzerPool"/>.
/// </summary>
public sealed class WafAnalyzer
{
    private readonly WafOptions _options;
    private readonly AnalysisContext _ctx;
    private readonly InputCollector _inputs;
    private readonly SqlInjectionDetector _sql = new();
    private readonly KeywordScanner _keywords = KeywordScanner.Default;

    // Header values repeat across requests (the same browsers, the same Accept lines): those that raised nothing
    // are remembered, so a returning value costs one lookup. Bounded; cleared when full.
    private const int CleanHeaderCapacity = 4096;
    private readonly HashSet<(string Name, string Value)> _cleanHeaders = new(CleanHeaderCapacity);

    public WafAnalyzer(WafOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        _options = options;
        _ctx = new AnalysisContext(options.Paranoia, options.Exclusions);
        _inputs = new InputCollector(options.MaxArguments, options.MaxValueLength);
    }

    public WafOptions Options => _options;

    public WafVerdict Analyze(HttpRequestData request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (path, _) = Target.Split(request.Target);
        _ctx.Reset(path, request.Header("Host"), RefererHost(request.Header("Referer")));
        ProtocolChecks.Request(request, _options, _ctx);
        ScannerChecks.Check(request, _ctx);
        _inputs.Clear();
        RequestInputs.Collect(request, _options, _inputs);
        foreach (var problem in _inputs.Problems)
        {
            _ctx.Add(AttackClass.Protocol, problem.RuleId, problem.Message, RequestPart.Body, string.Empty, problem.Evidence, 1, Score.Critical);
        }

        if (_inputs.TooManyArguments) _ctx.Add(AttackClass.Protocol, "ES-WAF-920-ARGUMENTS", "too many arguments", RequestPart.Body, string.Empty, _inputs.Arguments.ToString(System.Globalization.CultureInfo.InvariantCulture), 1, Score.Critical);
        // Size notes are information for the log, not evidence of an attack: score 0.
        if (_inputs.Truncated && _ctx.Runs(2)) _ctx.Add(AttackClass.Protocol, "ES-WAF-920-VALUE-LENGTH", "value longer than inspected", RequestPart.Body, string.Empty, string.Empty, 2, 0);
        if (request.BodyTruncated && _ctx.Runs(2)) _ctx.Add(AttackClass.Protocol, "ES-WAF-920-BODY-LENGTH", "body longer than inspected", RequestPart.Body, string.Empty, string.Empty, 2, 0);
        foreach (var input in _inputs.Inputs) Inspect(input);
        if (_ctx.Findings.Count == 0) return WafVerdict.Clean(_options.Threshold);
        int score = 0;
        foreach (var f in _ctx.Findings) score += f.Score;
        return new WafVerdict([.. _ctx.Findings], score, _options.Threshold);
    }

    private void Inspect(in RequestInput input)
    {
        if (input.Value.Length == 0) return;
        if (input.Part != RequestPart.Header || input.Value.Length > 512)
        {
            InspectValue(input);
            return;
        }

        var key = (input.Name, input.Value);
        if (_cleanHeaders.Contains(key)) return;
        long before = _ctx.Fired;
        InspectValue(input);
        if (_ctx.Fired != before) return;
        if (_cleanHeaders.Count >= CleanHeaderCapacity) _cleanHeaders.Clear();
        _cleanHeaders.Add(key);
    }

    private void InspectValue(in RequestInput input)
    {
        var value = Normalizer.Normalize(input.Value, input.UrlEncoded);
        ProtocolChecks.Value(input, value, _ctx);
        _keywords.Scan(input, value, _ctx);
        ScriptInjectionDetector.SessionId(input, _ctx);
        if (IsPlain(value.Lower))
        {
            CommandInjectionDetector.InspectPlain(input, value, _ctx);
            PhpDetector.InspectUpload(input, value, _ctx);
            JavaDetector.Inspect(input, value, _ctx);
            if (_ctx.Runs(2)) SqlInjectionDetector.MetaCharacterRun(input, value.Lower, _ctx);
            if (SqlInjectionDetector.HasStatementWord(value.Lower) || SqlInjectionDetector.StartsWithComparison(value.Lower)) _sql.Inspect(input, value, _ctx, force: true);
            return;
        }

        JavaDetector.Inspect(input, value, _ctx);

        _sql.Inspect(input, value, _ctx);
        if (value.Lower.Contains('$', StringComparison.Ordinal)) NoSqlOperators.Inspect(input, value.Lower, _ctx);
        if (_ctx.Runs(2)) SqlInjectionDetector.MetaCharacterRun(input, value.Lower, _ctx);
        XssDetector.Inspect(input, value, _ctx);
        TraversalDetector.Inspect(input, value, _ctx);
        CommandInjectionDetector.Inspect(input, value, _ctx);
        PhpDetector.Inspect(input, value, _ctx);
        ScriptInjectionDetector.Inspect(input, value, _ctx);
        UrlArgumentDetector.Inspect(input, value, _ctx);
    }

    /// <summary>The cheap pre-filter: letters, digits, spaces and -_.,@ cannot carry any structural payload (only keywords).</summary>
    private static bool IsPlain(string s)
    {
        foreach (char c in s)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is ' ' or '-' or '_' or '.' or ',' or '@')) return false;
        }

        return true;
    }

    private static string? RefererHost(string? referer)
    {
        if (referer is null) return null;
        return Uri.TryCreate(referer, UriKind.Absolute, out var uri) ? uri.Host : null;
    }
}
