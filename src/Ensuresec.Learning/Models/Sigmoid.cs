namespace Ensuresec.Learning.Models;

internal static class Sigmoid
{
    public static double Of(double margin) => margin >= 0 ? 1 / (1 + Math.Exp(-margin)) : Math.Exp(margin) / (1 + Math.Exp(margin));

    public static double Logit(double p) => Math.Log(p / (1 - p));
}
