namespace Ensuresec.Learning.Text;

/// <summary>The linear models a text classifier can fit.</summary>
public enum TextAlgorithm
{
    /// <summary>L2-regularised logistic regression (scikit-learn's LogisticRegression objective), by L-BFGS.</summary>
    Logistic,

    /// <summary>L2-regularised linear SVM (liblinear's, as scikit-learn's LinearSVC), by dual coordinate descent.</summary>
    Svm,
}

/// <summary>The loss of the linear SVM.</summary>
public enum SvmLoss
{
    /// <summary>max(0, 1 − y·m)²: LinearSVC's default.</summary>
    SquaredHinge,

    /// <summary>max(0, 1 − y·m): the classic SVM (SVMlight's).</summary>
    Hinge,
}

/// <summary>Settings of the linear text classifier: the vectorizer and the model on top of it.</summary>
public sealed record TextTrainingOptions
{
    public TfidfOptions Tfidf { get; init; } = new();

    public TextAlgorithm Algorithm { get; init; } = TextAlgorithm.Logistic;

    /// <summary>Inverse regularisation strength: the objective is 0.5·|w|² + C·Σ loss.</summary>
    public double C { get; init; } = 1.0;

    public SvmLoss Loss { get; init; } = SvmLoss.SquaredHinge;

    /// <summary>Passes over the data (SVM) or L-BFGS iterations (logistic), at most.</summary>
    public int MaxIterations { get; init; } = 1000;

    /// <summary>Logistic: stop when the largest gradient component is below this. SVM: when the projected gradients' spread is.</summary>
    public double Tolerance { get; init; } = 1e-4;

    /// <summary>Orders the SVM's coordinate passes: the same seed gives the same model.</summary>
    public int Seed { get; init; }

    /// <summary>Threads for turning documents into vectors (training itself is sequential, hence deterministic).</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>(Tfidf.Validate());
        if (!(C > 0 && double.IsFinite(C))) errors.Add("c: must be a finite number > 0");
        if (MaxIterations is < 1 or > 100_000) errors.Add("max-iterations: must be from 1 to 100000");
        if (!(Tolerance > 0 && double.IsFinite(Tolerance))) errors.Add("tolerance: must be a finite number > 0");
        if (Threads is < 1 or > 1024) errors.Add("threads: must be from 1 to 1024");
        return errors;
    }
}
