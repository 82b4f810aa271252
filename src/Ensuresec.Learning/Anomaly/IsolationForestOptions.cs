namespace Ensuresec.Learning.Anomaly;

/// <summary>Settings of an isolation forest (Liu, Ting, Zhou 2008); defaults are the paper's.</summary>
public sealed record IsolationForestOptions
{
    public int Trees { get; init; } = 100;

    /// <summary>Rows sampled (without replacement) per tree, ψ.</summary>
    public int SampleSize { get; init; } = 256;

    public int Seed { get; init; }

    public int Threads { get; init; } = Environment.ProcessorCount;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Trees is < 1 or > 10_000) errors.Add("trees: must be from 1 to 10000");
        if (SampleSize is < 2 or > 1_000_000) errors.Add("sample-size: must be from 2 to 1000000");
        if (Threads is < 1 or > 1024) errors.Add("threads: must be from 1 to 1024");
        return errors;
    }
}
