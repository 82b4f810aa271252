using System.Text.Json.Nodes;
using Ensuresec.Learning.Models;
using Ensuresec.Learning.Text;

namespace Ensuresec.Learning.Tests.Text;

public sealed class TextModelFileTests
{
    private static (TextClassifier Model, string Json) Trained()
    {
        var (texts, labels) = TextClassifierTests.Reviews(120, seed: 9);
        var options = new TextTrainingOptions
        {
            Algorithm = TextAlgorithm.Svm, Tfidf = new TfidfOptions { CharNgramMin = 2, CharNgramMax = 3, CharMode = CharNgramMode.Across, SublinearTf = true, MinDocumentFrequency = 2 },
        };
        var model = TextTrainer.Train(texts, labels, options);
        return (model, TextModelFile.Write(model, new ModelInfo("reviews", "deceptive", null, "id", "text")));
    }

    [Fact]
    public void RoundTrip_KeepsVocabularySettingsAndScores()
    {
        var (model, json) = Trained();
        var read = TextModelFile.Read(json);
        read.Error.ShouldBeNull();
        read.Info.ShouldBe(new ModelInfo("reviews", "deceptive", null, "id", "text"));
        read.Model!.Algorithm.ShouldBe("text-svm");
        read.Model.Vectorizer.Options.ShouldBe(model.Vectorizer.Options);
        read.Model.Vectorizer.Vocabulary.ShouldBe(model.Vectorizer.Vocabulary);
        foreach (var text in new[] { "the luxury hotel", "small floor but the street", "zzz" }) read.Model.Margin(text).ShouldBe(model.Margin(text));
        TextModelFile.Write(read.Model, read.Info!).ShouldBe(json);
        TextModelFile.IsText(json).ShouldBeTrue();
        TextModelFile.IsText("{\"algorithm\": \"gbdt\"}").ShouldBeFalse();
        TextModelFile.IsText("not json").ShouldBeFalse();
    }

    [Fact]
    public void TheFeatureModelReader_SaysItIsATextModel() =>
        ModelFile.Read(Trained().Json).Error!.ShouldContain("text classifier scores a text column");

    [Theory]
    [InlineData("version", "2", "\"version\" is 2")]
    [InlineData("algorithm", "\"text-bayes\"", "is not a text classifier")]
    [InlineData("tfidf.char_mode", "\"sideways\"", "char_mode must be")]
    [InlineData("tfidf.word_ngrams", "[3, 1]", "word-ngrams")]
    [InlineData("tfidf.min_df", "1.5", "min_df must be an integer")]
    [InlineData("tfidf.lowercase", "\"yes\"", "lowercase must be true or false")]
    [InlineData("tfidf.idf", "[1, 2]", "tfidf.idf needs")]
    [InlineData("tfidf.vocabulary", "[]", "vocabulary is empty")]
    [InlineData("linear.coefficients", "[0.5]", "linear.coefficients needs")]
    [InlineData("linear.intercept", "\"NaN\"", "\"intercept\" must be a finite number")]
    public void HandEditedFiles_AreRefusedNamingTheField(string field, string value, string message)
    {
        var root = JsonNode.Parse(Trained().Json)!.AsObject();
        var parts = field.Split('.');
        var target = parts.Length == 1 ? root : root[parts[0]]!.AsObject();
        target[parts[^1]] = JsonNode.Parse(value);
        TextModelFile.Read(root.ToJsonString()).Error!.ShouldContain(message);
    }

    [Fact]
    public void DuplicateVocabularyTermsAndNonPositiveIdf_AreRefused()
    {
        var root = JsonNode.Parse(Trained().Json)!.AsObject();
        var vocabulary = root["tfidf"]!["vocabulary"]!.AsArray();
        vocabulary[1] = vocabulary[0]!.GetValue<string>();
        TextModelFile.Read(root.ToJsonString()).Error!.ShouldContain("duplicate term");

        root = JsonNode.Parse(Trained().Json)!.AsObject();
        root["tfidf"]!["idf"]!.AsArray()[0] = -1;
        TextModelFile.Read(root.ToJsonString()).Error!.ShouldContain("idf values must be > 0");
        TextModelFile.Read("[1]").Error!.ShouldContain("top level must be a JSON object");
        TextModelFile.Read("{").Error!.ShouldContain("not valid JSON");
    }
}
