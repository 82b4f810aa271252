using System.Text.Json.Nodes;
using Ensuresec.Learning.Anomaly;
using Ensuresec.Learning.Linear;
using Ensuresec.Learning.Models;
using Ensuresec.Learning.Trees;

namespace Ensuresec.Learning.Tests.Models;

public sealed class ModelFileTests
{
    private static readonly Ensuresec.Learning.Data.LabeledData Data = Synthetic.Interaction(800, 4, seed: 21, noise: 0.1);

    public static TheoryData<string> Algorithms => ["gbdt", "logistic", "iforest"];

    private static IScoringModel Trained(string algorithm) => algorithm switch
    {
        "gbdt" => GbdtTrainer.Train(Data, new GbdtOptions { Trees = 10, Threads = 1 }).Model,
        "logistic" => LogisticTrainer.Train(Data, new LogisticOptions()),
        _ => IsolationForest.Train(Data.Features, new IsolationForestOptions { Trees = 10, SampleSize = 64 }),
    };

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void WriteThenRead_GivesTheSameScoresAndExplanations(string algorithm)
    {
        var model = Trained(algorithm);

        var read = ModelFile.Read(ModelFile.Write(model, "fraud"));

        read.Error.ShouldBeNull();
        read.Task.ShouldBe("fraud");
        read.Model!.Algorithm.ShouldBe(algorithm);
        read.Model.FeatureNames.ShouldBe(model.FeatureNames);
        for (int r = 0; r < 50; r++)
        {
            read.Model.Score(Data.Features.Row(r)).ShouldBe(model.Score(Data.Features.Row(r)));
            read.Model.Explain(Data.Features.Row(r)).Contributions.ShouldBe(model.Explain(Data.Features.Row(r)).Contributions);
        }
    }

    [Theory]
    [InlineData("", "not valid JSON")]
    [InlineData("[1,2]", "top level")]
    [InlineData("{\"format\":\"other\"}", "format")]
    [InlineData("{\"format\":\"ensuresec-model\",\"version\":2}", "version 1")]
    [InlineData("{\"format\":\"ensuresec-model\",\"version\":1,\"algorithm\":\"svm\",\"task\":\"t\",\"features\":[\"a\"]}", "svm")]
    [InlineData("{\"format\":\"ensuresec-model\",\"version\":1,\"algorithm\":\"gbdt\",\"task\":\"t\",\"features\":[\"a\",\"a\"]}", "duplicate")]
    [InlineData("{\"format\":\"ensuresec-model\",\"version\":1,\"algorithm\":\"gbdt\",\"task\":\"t\",\"features\":[]}", "empty")]
    [InlineData("{\"format\":\"ensuresec-model\",\"version\":1,\"algorithm\":\"gbdt\",\"task\":\"t\",\"features\":[\"a\"]}", "\"gbdt\" must be an object")]
    public void Read_BrokenFiles_SayWhatIsWrong(string json, string reason)
    {
        var read = ModelFile.Read(json);

        read.Model.ShouldBeNull();
        read.Error!.ShouldContain(reason);
    }

    [Fact]
    public void Read_DeeplyNestedJson_IsRefused()
    {
        string json = new string('[', 10_000) + new string(']', 10_000);

        ModelFile.Read(json).Error!.ShouldContain("not valid JSON");
    }

    [Theory]
    [InlineData("left", 0, "out of order")]
    [InlineData("left", 99, "out of order")]
    [InlineData("feature", 7, "feature 7")]
    [InlineData("value", "\"x\"", "value[0] must be a finite number")]
    [InlineData("cover", -1, "non-finite value or cover")]
    public void Read_HandEditedTree_NamesTheTreeAndNode(string field, object replacement, string reason)
    {
        var root = JsonNode.Parse(ModelFile.Write(Trained("gbdt"), "fraud"))!.AsObject();
        var tree = root["gbdt"]!["trees"]![3]!.AsObject();
        tree[field]![0] = JsonNode.Parse(Convert.ToString(replacement, System.Globalization.CultureInfo.InvariantCulture)!);

        var read = ModelFile.Read(root.ToJsonString());

        read.Model.ShouldBeNull();
        read.Error!.ShouldContain("gbdt.trees[3]");
        read.Error!.ShouldContain(reason);
    }

    [Fact]
    public void Read_TreeWithTwoParentsForOneNode_IsRefused()
    {
        var root = JsonNode.Parse(ModelFile.Write(Trained("gbdt"), "fraud"))!.AsObject();
        var tree = root["gbdt"]!["trees"]![0]!.AsObject();
        int rootLeft = (int)tree["left"]![0]!;
        int grandChild = (int)tree["left"]![rootLeft]!;
        tree["right"]![0] = grandChild;

        ModelFile.Read(root.ToJsonString()).Error!.ShouldContain("gbdt.trees[0]");
    }

    [Fact]
    public void Read_LogisticWithTooFewCoefficients_IsRefused()
    {
        var root = JsonNode.Parse(ModelFile.Write(Trained("logistic"), "fraud"))!.AsObject();
        root["logistic"]!["coefficients"]!.AsArray().RemoveAt(0);

        ModelFile.Read(root.ToJsonString()).Error!.ShouldContain("one per feature");
    }
}
