using Ensuresec.Learning.Data;
using Ensuresec.Learning.Linear;

namespace Ensuresec.Learning.Tests.Linear;

public sealed class LogisticTrainerTests
{
    [Fact]
    public void Train_SmallData_MatchesScikitLearn()
    {
        // sklearn 1.2.1: LogisticRegression().fit(X, y) → coef [0.97901708, 0.46483914], intercept -3.02901606
        // (lbfgs stops at tol 1e-4, so agreement is to about 1e-4).
        float[] x = [0, 1, 1, 0.5f, 2, 2, 3, 0, 4, 1.5f, 5, 3, 1.5f, 2.5f, 3.5f, 0.5f];
        var data = new LabeledData(new FeatureMatrix(x, 8, ["a", "b"]), [0, 0, 1, 0, 1, 1, 0, 1]);

        var model = LogisticTrainer.Train(data, new LogisticOptions { Standardize = false, Threads = 1 });

        model.Coefficients[0].ShouldBe(0.97901708, 1e-3);
        model.Coefficients[1].ShouldBe(0.46483914, 1e-3);
        model.Intercept.ShouldBe(-3.02901606, 1e-3);
    }

    [Fact]
    public void Train_ManyRows_RecoversTheGeneratingWeights()
    {
        double[] w = [1.5, -2, 0];
        var data = Synthetic.Logistic(40_000, w, -1, seed: 1);

        var model = LogisticTrainer.Train(data, new LogisticOptions { Standardize = false, C = 1e6 });

        for (int f = 0; f < w.Length; f++) model.Coefficients[f].ShouldBe(w[f], 0.06);
        model.Intercept.ShouldBe(-1, 0.06);
    }

    [Fact]
    public void Train_Standardised_GivesTheSameScoresAsTheRawFitWithoutRegularisation()
    {
        var data = Synthetic.Logistic(3000, [0.7, -0.3], 0.2, seed: 2);
        var raw = LogisticTrainer.Train(data, new LogisticOptions { Standardize = false, C = 1e9 });
        var standardised = LogisticTrainer.Train(data, new LogisticOptions { Standardize = true, C = 1e9 });

        for (int r = 0; r < 100; r++) standardised.Score(data.Features.Row(r)).ShouldBe(raw.Score(data.Features.Row(r)), 1e-6);
    }

    [Fact]
    public void Explain_CoefficientTimesValue_AddsUpToTheMargin()
    {
        var data = Synthetic.Logistic(1000, [1, 2, -1], 0.5, seed: 3);
        var model = LogisticTrainer.Train(data, new LogisticOptions());

        var row = data.Features.Row(7);
        var explanation = model.Explain(row);

        explanation.BaseValue.ShouldBe(model.Intercept);
        explanation.RawOutput.ShouldBe(model.Margin(row), 1e-12);
        explanation.Contributions[1].ShouldBe(model.Coefficients[1] * ((row[1] - model.Mean[1]) / model.Scale[1]), 1e-12);
    }

    [Fact]
    public void Train_SameDataOnOneOrTwoThreads_GivesIdenticalCoefficients()
    {
        var data = Synthetic.Logistic(20_000, [1, -1, 0.5], 0, seed: 4);

        var one = LogisticTrainer.Train(data, new LogisticOptions { Threads = 1 });
        var two = LogisticTrainer.Train(data, new LogisticOptions { Threads = 2 });

        two.Coefficients.ShouldBe(one.Coefficients);
        two.Intercept.ShouldBe(one.Intercept);
    }

    [Fact]
    public void Train_ConstantFeatureAndOneClass_AreHandled()
    {
        var constant = new LabeledData(new FeatureMatrix([1, 0, 1, 1, 1, 2, 1, 3], 4, ["c", "x"]), [0, 0, 1, 1]);
        var model = LogisticTrainer.Train(constant, new LogisticOptions());
        model.Coefficients[0].ShouldBe(0, 1e-9);

        var oneClass = new LabeledData(new FeatureMatrix([1, 2], 2, ["x"]), [1, 1]);
        Should.Throw<ArgumentException>(() => LogisticTrainer.Train(oneClass, new LogisticOptions())).Message.ShouldContain("one class");
    }
}
