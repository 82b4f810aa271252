namespace Ensuresec.Learning.Text;

/// <summary>
/// L2-regularised logistic regression on sparse rows: minimises 0.5·|w|² + C·Σ log(1 + exp(−y·(w·x + b))), the
/// intercept b not penalised (scikit-learn's LogisticRegression objective), by L-BFGS with the last 10 steps
/// (Nocedal and Wright, algorithm 7.4) and a backtracking line search. Sums run in row order: deterministic.
/// </summary>
internal static class SparseLogistic
{
    private const int Memory = 10;

    public static (double[] Weights, double Bias) Fit(SparseVector[] x, double[] y, int features, double c, int maxIterations, double tolerance)
    {
        int dim = features + 1; // the last coordinate is the intercept
        var theta = new double[dim];
        var gradient = new double[dim];
        double loss = Evaluate(x, y, c, theta, gradient);
        var s = new List<double[]>();
        var yk = new List<double[]>();
        var direction = new double[dim];
        var next = new double[dim];
        var nextGradient = new double[dim];
        for (int iteration = 0; iteration < maxIterations && MaxAbs(gradient) > tolerance; iteration++)
        {
            TwoLoop(gradient, s, yk, direction);
            double slope = Dot(gradient, direction);
            if (slope >= 0)
            {
                // Not a descent direction (rounding): restart from steepest descent.
                s.Clear();
                yk.Clear();
                for (int j = 0; j < dim; j++) direction[j] = -gradient[j];
                slope = Dot(gradient, direction);
            }

            double step = 1, nextLoss;
            while (true)
            {
                for (int j = 0; j < dim; j++) next[j] = theta[j] + (step * direction[j]);
                nextLoss = Evaluate(x, y, c, next, nextGradient);
                if (nextLoss <= loss + (1e-4 * step * slope) || step < 1e-12) break;
                step *= 0.5;
            }

            var sNew = new double[dim];
            var yNew = new double[dim];
            for (int j = 0; j < dim; j++)
            {
                sNew[j] = next[j] - theta[j];
                yNew[j] = nextGradient[j] - gradient[j];
            }

            if (Dot(sNew, yNew) > 1e-12 * Dot(yNew, yNew))
            {
                if (s.Count == Memory)
                {
                    s.RemoveAt(0);
                    yk.RemoveAt(0);
                }

                s.Add(sNew);
                yk.Add(yNew);
            }

            bool stalled = loss - nextLoss <= 1e-15 * Math.Max(1, Math.Abs(loss));
            (theta, next) = (next, theta);
            (gradient, nextGradient) = (nextGradient, gradient);
            loss = nextLoss;
            if (stalled) break;
        }

        return (theta[..features], theta[features]);
    }

    // The objective at theta, and its gradient into gradient.
    private static double Evaluate(SparseVector[] x, double[] y, double c, double[] theta, double[] gradient)
    {
        int features = theta.Length - 1;
        double bias = theta[features];
        double loss = 0;
        for (int j = 0; j < features; j++)
        {
            gradient[j] = theta[j];
            loss += 0.5 * theta[j] * theta[j];
        }

        gradient[features] = 0;
        for (int i = 0; i < x.Length; i++)
        {
            var row = x[i];
            double z = y[i] * (bias + DotPrefix(row, theta));
            // log(1 + e^−z) and its derivative −σ(−z), computed without overflow.
            loss += c * (z > 0 ? Math.Log(1 + Math.Exp(-z)) : -z + Math.Log(1 + Math.Exp(z)));
            double sigma = z > 0 ? Math.Exp(-z) / (1 + Math.Exp(-z)) : 1 / (1 + Math.Exp(z));
            double factor = -c * y[i] * sigma;
            for (int k = 0; k < row.Indices.Length; k++) gradient[row.Indices[k]] += factor * row.Values[k];
            gradient[features] += factor;
        }

        return loss;
    }

    private static double DotPrefix(SparseVector row, double[] theta)
    {
        double sum = 0;
        for (int k = 0; k < row.Indices.Length; k++) sum += theta[row.Indices[k]] * row.Values[k];
        return sum;
    }

    // direction = −H·gradient with H the L-BFGS inverse-Hessian estimate.
    private static void TwoLoop(double[] gradient, List<double[]> s, List<double[]> y, double[] direction)
    {
        int m = s.Count;
        var a = new double[m];
        Array.Copy(gradient, direction, gradient.Length);
        for (int k = m - 1; k >= 0; k--)
        {
            a[k] = Dot(s[k], direction) / Dot(y[k], s[k]);
            Axpy(-a[k], y[k], direction);
        }

        double gamma = m > 0 ? Dot(s[m - 1], y[m - 1]) / Dot(y[m - 1], y[m - 1]) : 1;
        for (int j = 0; j < direction.Length; j++) direction[j] *= gamma;
        for (int k = 0; k < m; k++)
        {
            double beta = Dot(y[k], direction) / Dot(y[k], s[k]);
            Axpy(a[k] - beta, s[k], direction);
        }

        for (int j = 0; j < direction.Length; j++) direction[j] = -direction[j];
    }

    private static double MaxAbs(double[] a)
    {
        double max = 0;
        foreach (double v in a) max = Math.Max(max, Math.Abs(v));
        return max;
    }

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (int j = 0; j < a.Length; j++) sum += a[j] * b[j];
        return sum;
    }

    private static void Axpy(double factor, double[] x, double[] into)
    {
        for (int j = 0; j < x.Length; j++) into[j] += factor * x[j];
    }
}
