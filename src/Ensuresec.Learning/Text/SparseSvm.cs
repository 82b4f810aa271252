namespace Ensuresec.Learning.Text;

/// <summary>
/// L2-regularised linear SVM by dual coordinate descent (Hsieh, Chang, Lin, Keerthi and Sundararajan, ICML 2008,
/// algorithm 1; liblinear's solver, without shrinking). Minimises 0.5·|w|² + C·Σ loss(y·(w·x + b)) with the
/// bias learnt as the weight of a constant feature 1, so it is regularised too, as in liblinear and LinearSVC.
/// The order of the coordinates is a seeded shuffle per pass: the same seed gives the same model.
/// </summary>
internal static class SparseSvm
{
    public static (double[] Weights, double Bias) Fit(SparseVector[] x, double[] y, int features, double c, SvmLoss loss, int maxPasses, double tolerance, int seed)
    {
        int n = x.Length;
        // Hinge: 0 <= α <= C, no diagonal. Squared hinge: α >= 0, diagonal 1/(2C).
        double upper = loss == SvmLoss.Hinge ? c : double.PositiveInfinity;
        double diagonal = loss == SvmLoss.Hinge ? 0 : 1 / (2 * c);
        var w = new double[features];
        double b = 0;
        var alpha = new double[n];
        var q = new double[n];
        for (int i = 0; i < n; i++) q[i] = x[i].SquaredNorm() + 1 + diagonal;
        var order = Enumerable.Range(0, n).ToArray();
        var random = new Random(seed);
        for (int pass = 0; pass < maxPasses; pass++)
        {
            random.Shuffle(order);
            double maxProjected = double.NegativeInfinity, minProjected = double.PositiveInfinity;
            foreach (int i in order)
            {
                double gradient = (y[i] * (x[i].Dot(w) + b)) - 1 + (diagonal * alpha[i]);
                double projected = alpha[i] == 0 ? Math.Min(gradient, 0) : alpha[i] >= upper ? Math.Max(gradient, 0) : gradient;
                maxProjected = Math.Max(maxProjected, projected);
                minProjected = Math.Min(minProjected, projected);
                if (projected == 0) continue;
                double old = alpha[i];
                alpha[i] = Math.Min(Math.Max(old - (gradient / q[i]), 0), upper);
                double step = (alpha[i] - old) * y[i];
                x[i].AddTo(w, step);
                b += step;
            }

            if (maxProjected - minProjected <= tolerance) break;
        }

        return (w, b);
    }
}
