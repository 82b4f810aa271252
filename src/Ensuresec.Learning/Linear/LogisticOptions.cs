namespace Ensuresec.Learning.Linear;

/// <summary>Settings of L2-regularised logistic regression; the defaults match scikit-learn's LogisticRegression.</summary>
public sealed record LogisticOptions
{
    /// <summary>Inverse regularisation strength: the objective is 0.5·|w|² + C·Σ weighted log loss (intercept not penalised).</summary>
    public double C { get; init; } = 1.0;

    /// <summary>Standardise each feature with the training mean and standard deviation, kept in the model.</summary>
    public bool Standardize { get; init; } = true;

    /// <summary>Newton iterations, at most.</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>Stop when the largest gradient component falls below this.</summary>
    public double Tolerance { get; init; } = 1e-8;

    /// <summary>Weight of each positive row relative to a negative one.</summary>
    public double PositiveClassWeight { get; init; } = 1;

    public int Threads { get; init; } = Environment.ProcessorCount;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!(C > 0 && double.IsFinite(C))) errors.Add("c: must be a finite number > 0");
        if (MaxIterations is < 1 or > 10_000) errors.Add("max-iterations: must be from 1 to 10000");
        if (!(Tolerance > 0)) errors.Add("tolerance: must be > 0");
        if (!(PositiveClassWeight > 0 && double.IsFinite(PositiveClassWeight))) errors.Add("positive-weight: must be a finite number > 0");
        if (Threads is < 1 or > 1024) errors.Add("threads: must be from 1 to 1024");
        return errors;
    }
}
