namespace Ensuresec.Waf.Exclusions;

/// <summary>The exclusion packs shipped for common shop software (woocommerce, magento, prestashop, nopcommerce).</summary>
public static class ExclusionPacks
{
    public static IReadOnlyList<string> Names { get; } = ["woocommerce", "magento", "prestashop", "nopcommerce"];

    /// <summary>The pack's rules; throws for an unknown name (a programming error: check <see cref="Names"/>).</summary>
    public static IReadOnlyList<ExclusionRule> Load(string name)
    {
        if (!Names.Contains(name)) throw new ArgumentException($"unknown exclusion pack '{name}'", nameof(name));
        using var stream = typeof(ExclusionPacks).Assembly.GetManifestResourceStream($"exclusions.{name}.yaml")
            ?? throw new InvalidOperationException($"exclusion pack {name} is not embedded");
        using var reader = new StreamReader(stream);
        var (rules, errors) = ExclusionLoader.Parse(reader.ReadToEnd(), "pack:" + name);
        if (errors.Count > 0) throw new InvalidOperationException(string.Join("; ", errors));
        return rules;
    }
}
