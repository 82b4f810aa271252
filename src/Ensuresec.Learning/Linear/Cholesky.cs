namespace Ensuresec.Learning.Linear;

/// <summary>Solves A·x = b for a symmetric positive definite A (row-major, n×n), with a tiny ridge if A is singular.</summary>
internal static class Cholesky
{
    public static double[] Solve(double[] a, double[] b, int n)
    {
        for (double ridge = 0; ridge <= 1; ridge = ridge == 0 ? 1e-10 : ridge * 100)
        {
            var l = Factor(a, n, ridge);
            if (l is null) continue;
            var y = new double[n];
            for (int i = 0; i < n; i++)
            {
                double s = b[i];
                for (int k = 0; k < i; k++) s -= l[(i * n) + k] * y[k];
                y[i] = s / l[(i * n) + i];
            }

            var x = new double[n];
            for (int i = n - 1; i >= 0; i--)
            {
                double s = y[i];
                for (int k = i + 1; k < n; k++) s -= l[(k * n) + i] * x[k];
                x[i] = s / l[(i * n) + i];
            }

            return x;
        }

        throw new ArithmeticException("the system is not positive definite (non-finite values?)");
    }

    private static double[]? Factor(double[] a, int n, double ridge)
    {
        var l = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double s = a[(i * n) + j] + (i == j ? ridge * Math.Max(1, a[(i * n) + i]) : 0);
                for (int k = 0; k < j; k++) s -= l[(i * n) + k] * l[(j * n) + k];
                if (i == j)
                {
                    if (!(s > 0)) return null;
                    l[(i * n) + i] = Math.Sqrt(s);
                }
                else
                {
                    l[(i * n) + j] = s / l[(j * n) + j];
                }
            }
        }

        return l;
    }
}
