using Ensuresec.Learning.Models;
using Ensuresec.Learning.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Ensuresec.Learning.Tests.Text;

public sealed class TextClassifierTests
{
    private static readonly string[] Spam = ["luxury", "amazing", "husband", "experience", "my", "vacation", "chicago"];
    private static readonly string[] Honest = ["location", "floor", "small", "bathroom", "but", "street", "night"];
    private static readonly string[] Common = ["the", "hotel", "room", "was", "and", "staff", "we"];

    // Reviews drawn from a class's words plus common words: separable, but not by any single word.
    internal static (string[] Texts, float[] Labels) Reviews(int count, int seed)
    {
        var random = new Random(seed);
        var texts = new string[count];
        var labels = new float[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = i % 2;
            var own = labels[i] == 1 ? Spam : Honest;
            var words = Enumerable.Range(0, 4 + random.Next(8)).Select(_ => random.Next(3) == 0 ? own[random.Next(own.Length)] : Common[random.Next(Common.Length)]);
            texts[i] = string.Join(' ', words.Append(own[random.Next(own.Length)]));
        }

        return (texts, labels);
    }

    private static TextTrainingOptions Options(TextAlgorithm algorithm) => new()
    {
        Algorithm = algorithm, Tfidf = new TfidfOptions { WordNgramMax = 2, CharNgramMin = 2, CharNgramMax = 4 }, Threads = 2,
    };

    [Theory]
    [InlineData(TextAlgorithm.Logistic)]
    [InlineData(TextAlgorithm.Svm)]
    public void Train_SeparatesTheClassesOnUnseenTexts(TextAlgorithm algorithm)
    {
        var (texts, labels) = Reviews(300, seed: 1);
        var model = TextTrainer.Train(texts, labels, Options(algorithm));
        var (test, truth) = Reviews(200, seed: 2);
        var scores = model.ScoreAll(test, 2);
        double accuracy = scores.Select((s, i) => (s >= 0.5 ? 1f : 0f) == truth[i] ? 1.0 : 0).Average();
        accuracy.ShouldBeGreaterThan(0.95);
        model.Coefficients[model.Vectorizer.Vocabulary.ToList().IndexOf("luxury")].ShouldBeGreaterThan(0);
        model.Coefficients[model.Vectorizer.Vocabulary.ToList().IndexOf("location")].ShouldBeLessThan(0);
    }

    [Fact]
    public void Logistic_ReachesTheMinimumOfItsObjective()
    {
        // At the optimum of 0.5·|w|² + C·Σ log(1 + e^(−y·m)) the gradient is zero: w = C·Σ y·σ(−y·m)·x, Σ y·σ(−y·m) = 0.
        var (texts, labels) = Reviews(120, seed: 3);
        var options = Options(TextAlgorithm.Logistic) with { Tolerance = 1e-8 };
        var model = TextTrainer.Train(texts, labels, options);
        var expected = new double[model.Coefficients.Count];
        double bias = 0;
        for (int i = 0; i < texts.Length; i++)
        {
            double y = labels[i] == 1 ? 1 : -1;
            double sigma = 1 / (1 + Math.Exp(y * model.Margin(texts[i])));
            model.Vectorizer.Transform(texts[i]).AddTo(expected, options.C * y * sigma);
            bias += y * sigma;
        }

        bias.ShouldBe(0, 1e-6);
        for (int j = 0; j < expected.Length; j++) model.Coefficients[j].ShouldBe(expected[j], 1e-6);
    }

    [Fact]
    public void Svm_HingeLossGivesMarginsOfAtLeastOneOnSeparableData()
    {
        // With a large C the hinge-loss SVM is the hard-margin SVM: every training text at margin >= 1 on its side.
        var (texts, labels) = Reviews(100, seed: 4);
        var model = TextTrainer.Train(texts, labels, Options(TextAlgorithm.Svm) with { Loss = SvmLoss.Hinge, C = 1000, Tolerance = 1e-6, MaxIterations = 20_000 });
        for (int i = 0; i < texts.Length; i++) ((labels[i] == 1 ? 1 : -1) * model.Margin(texts[i])).ShouldBeGreaterThan(1 - 1e-3);
    }

    [Fact]
    public void Explanations_AddUpToTheMargin()
    {
        var (texts, labels) = Reviews(200, seed: 5);
        var models = new[] { TextTrainer.Train(texts, labels, Options(TextAlgorithm.Logistic)), TextTrainer.Train(texts, labels, Options(TextAlgorithm.Svm)) };
        var words = Spam.Concat(Honest).Concat(Common).Append("unseen").Append("Ünïcode").ToArray();
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var random = new Random(seed);
            string text = string.Join(random.Next(2) == 0 ? " " : ", ", Enumerable.Range(0, 1 + random.Next(30)).Select(_ => words[random.Next(words.Length)]));
            return models.All(model =>
            {
                var explanation = model.Explain(text);
                return Math.Abs(explanation.Margin - model.Margin(text)) < 1e-9
                    && explanation.BaseValue == model.Intercept
                    && explanation.Terms.All(t => t.Contribution == t.Value * model.Coefficients[model.Vectorizer.Vocabulary.ToList().IndexOf(t.Term)]);
            });
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Explanations_NameTheTermsThatRaisedTheScore()
    {
        var (texts, labels) = Reviews(200, seed: 6);
        var model = TextTrainer.Train(texts, labels, Options(TextAlgorithm.Logistic) with { Tfidf = new TfidfOptions { WordNgramMax = 1 } });
        model.Explain("the luxury hotel").TopIncreasing(1).Single().Term.ShouldBe("luxury");
    }

    [Theory]
    [InlineData(TextAlgorithm.Logistic)]
    [InlineData(TextAlgorithm.Svm)]
    public void SameSeed_SameModelFile(TextAlgorithm algorithm)
    {
        var (texts, labels) = Reviews(150, seed: 7);
        string Train(int threads) => TextModelFile.Write(TextTrainer.Train(texts, labels, Options(algorithm) with { Seed = 11, Threads = threads }), new ModelInfo("text"));
        Train(1).ShouldBe(Train(2));
    }

    [Fact]
    public void OneClassOrBadLabels_AreRefused()
    {
        Should.Throw<ArgumentException>(() => TextTrainer.Train(["a b", "c d"], [1, 1], Options(TextAlgorithm.Logistic))).Message.ShouldContain("needs both classes");
        Should.Throw<ArgumentException>(() => TextTrainer.Train(["a b", "c d"], [1, 2], Options(TextAlgorithm.Svm))).Message.ShouldContain("label 1 is 2");
        Should.Throw<ArgumentException>(() => TextTrainer.Train(["a b"], [1, 0], Options(TextAlgorithm.Svm))).Message.ShouldContain("1 texts but 2 labels");
        Should.Throw<TextDocumentException>(() => TextTrainer.Train(["a b", ""], [1, 0], Options(TextAlgorithm.Svm))).Position.ShouldBe(1);
        Should.Throw<ArgumentException>(() => TextTrainer.Train(["a b", "c"], [1, 0], Options(TextAlgorithm.Svm) with { C = 0 })).Message.ShouldContain("c: must be");
    }
}
