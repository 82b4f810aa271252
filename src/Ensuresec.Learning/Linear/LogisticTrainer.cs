using Ensuresec.Learning.Data;

namespace Ensuresec.Learning.Linear;

/// <summary>
/// L2-regularised logistic regression fitted by Newton's method (exact Hessian, Cholesky solve, step halving
/// when the objective does not fall). The objective is scikit-learn's, so the optimum is the same model.
/// Sums over rows are taken in fixed chunks added in order, so the thread count does not change the result.
/// </summary>
public static class LogisticTrainer
{
    private const int ChunkSize = 8192;

    /// <exception cref="ArgumentException">Invalid options, or training labels with one class only.</exception>
    public static LogisticModel Train(LabeledData train, LogisticOptions options)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        if (!train.Labels.Contains(1f) || !train.Labels.Contains(0f)) throw new ArgumentException("the training labels have only one class", nameof(train));

        int d = train.Features.Columns;
        var (mean, scale) = Standardisation(train.Features, options.Standardize);
        var z = Standardised(train.Features, mean, scale);
        int p = d + 1;
        var beta = new double[p];
        double objective = Objective(z, train.Labels, beta, options);
        for (int iteration = 0; iteration < options.MaxIterations; iteration++)
        {
            var (gradient, hessian) = Derivatives(z, train.Labels, beta, options);
            if (gradient.Max(Math.Abs) < options.Tolerance) break;
            var step = Cholesky.Solve(hessian, gradient, p);
            double t = 1;
            var candidate = new double[p];
            double next;
            do
            {
                for (int j = 0; j < p; j++) candidate[j] = beta[j] - (t * step[j]);
                next = Objective(z, train.Labels, candidate, options);
                t /= 2;
            }
            while (next > objective && t > 1e-10);

            if (next > objective) break;
            Array.Copy(candidate, beta, p);
            bool converged = objective - next <= 1e-14 * Math.Max(1, Math.Abs(objective));
            objective = next;
            if (converged) break;
        }

        return new LogisticModel(train.Features.Names, beta[d], beta[..d], mean, scale);
    }

    private static (double[] Mean, double[] Scale) Standardisation(FeatureMatrix x, bool standardize)
    {
        int d = x.Columns;
        var mean = new double[d];
        var scale = Enumerable.Repeat(1.0, d).ToArray();
        if (!standardize || x.Rows == 0) return (mean, scale);
        for (int f = 0; f < d; f++)
        {
            double sum = 0;
            for (int r = 0; r < x.Rows; r++) sum += x[r, f];
            mean[f] = sum / x.Rows;
            double squares = 0;
            for (int r = 0; r < x.Rows; r++) squares += (x[r, f] - mean[f]) * (x[r, f] - mean[f]);
            double sd = Math.Sqrt(squares / x.Rows);
            scale[f] = sd > 0 ? sd : 1;
        }

        return (mean, scale);
    }

    private static double[] Standardised(FeatureMatrix x, double[] mean, double[] scale)
    {
        int d = x.Columns;
        var z = new double[x.Rows * d];
        for (int r = 0; r < x.Rows; r++)
        {
            for (int f = 0; f < d; f++) z[(r * d) + f] = (x[r, f] - mean[f]) / scale[f];
        }

        return z;
    }

    private static double Weight(float y, LogisticOptions o) => y == 1 ? o.PositiveClassWeight : 1;

    private static double Objective(double[] z, float[] y, double[] beta, LogisticOptions o)
    {
        int n = y.Length, d = beta.Length - 1;
        var partial = new double[(n + ChunkSize - 1) / ChunkSize];
        Parallel.For(0, partial.Length, new ParallelOptions { MaxDegreeOfParallelism = o.Threads }, c =>
        {
            double sum = 0;
            for (int r = c * ChunkSize; r < Math.Min(n, (c + 1) * ChunkSize); r++)
            {
                double m = beta[d];
                for (int f = 0; f < d; f++) m += beta[f] * z[(r * d) + f];
                double s = y[r] == 1 ? -m : m;
                sum += Weight(y[r], o) * (s > 0 ? s + Math.Log(1 + Math.Exp(-s)) : Math.Log(1 + Math.Exp(s)));
            }

            partial[c] = sum;
        });
        double penalty = 0;
        for (int f = 0; f < d; f++) penalty += beta[f] * beta[f];
        return (0.5 * penalty) + (o.C * partial.Sum());
    }

    private static (double[] Gradient, double[] Hessian) Derivatives(double[] z, float[] y, double[] beta, LogisticOptions o)
    {
        int n = y.Length, d = beta.Length - 1, p = d + 1;
        int chunks = (n + ChunkSize - 1) / ChunkSize;
        var grads = new double[chunks][];
        var hessians = new double[chunks][];
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = o.Threads }, c =>
        {
            var g = new double[p];
            var h = new double[p * p];
            var row = new double[p];
            row[d] = 1;
            for (int r = c * ChunkSize; r < Math.Min(n, (c + 1) * ChunkSize); r++)
            {
                double m = beta[d];
                for (int f = 0; f < d; f++)
                {
                    row[f] = z[(r * d) + f];
                    m += beta[f] * row[f];
                }

                double prob = 1 / (1 + Math.Exp(-m));
                double w = Weight(y[r], o);
                double residual = w * (prob - y[r]);
                double curvature = w * prob * (1 - prob);
                for (int i = 0; i < p; i++)
                {
                    g[i] += residual * row[i];
                    double ci = curvature * row[i];
                    for (int j = 0; j <= i; j++) h[(i * p) + j] += ci * row[j];
                }
            }

            grads[c] = g;
            hessians[c] = h;
        });

        var gradient = new double[p];
        var hessian = new double[p * p];
        for (int c = 0; c < chunks; c++)
        {
            for (int i = 0; i < p; i++) gradient[i] += o.C * grads[c][i];
            for (int k = 0; k < p * p; k++) hessian[k] += o.C * hessians[c][k];
        }

        for (int i = 0; i < p; i++)
        {
            for (int j = 0; j < i; j++) hessian[(j * p) + i] = hessian[(i * p) + j];
        }

        for (int f = 0; f < d; f++)
        {
            gradient[f] += beta[f];
            hessian[(f * p) + f] += 1;
        }

        return (gradient, hessian);
    }
}
