using Ensuresec.Core.Pipeline;
using Ensuresec.Detection.Common;

namespace Ensuresec.Detection.Lookalike;

/// <summary>Builds the lookalike-domain detector from its settings: the data files are read once and shared by every partition.</summary>
public static class LookalikeDomains
{
    /// <summary>The detector's factory, or null when it is off or has no brand domain to protect. Bad data files throw naming the file.</summary>
    public static Func<IDetector>? Create(LookalikeDomainOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled || options.BrandDomains.Count == 0) return null;
        var matcher = Matcher(options);
        return () => new LookalikeDomainDetector(options, matcher);
    }

    /// <summary>Settings first, then the data files, when the detector is on (errors name the key and the file's line).</summary>
    public static IReadOnlyList<OptionsError> Validate(LookalikeDomainOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate().ToList();
        if (errors.Count > 0 || !options.Enabled || options.BrandDomains.Count == 0) return errors;
        try
        {
            Matcher(options);
        }
        catch (InvalidDataException ex)
        {
            errors.Add(new OptionsError("data", ex.Message));
        }

        return errors;
    }

    internal static LookalikeMatcher Matcher(LookalikeDomainOptions o) =>
        new(o.BrandDomains,
            o.DnstwistTables is { } t ? DnstwistTables.Load(t) : null,
            o.Confusables is { } c ? ConfusableSkeleton.Load(c) : null,
            o.MinLabelLength,
            o.Dictionary is { } d ? Words(d) : null);

    private static IReadOnlyList<string> Words(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new InvalidDataException($"{path}: not found");
        if (info.Length > 16 << 20) throw new InvalidDataException($"{path}: {info.Length} bytes, at most {16 << 20}");
        return File.ReadAllLines(path).Where(l => l.Length is > 0 and <= 63 && !l.StartsWith('#')).ToList();
    }
}
