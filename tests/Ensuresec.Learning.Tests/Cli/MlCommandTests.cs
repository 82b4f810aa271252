using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Ensuresec.Cli.Commands;

namespace Ensuresec.Learning.Tests.Cli;

public sealed class MlCommandTests : IDisposable
{
    private readonly TempFiles files = new();
    private readonly StringWriter output = new();
    private readonly StringWriter error = new();

    public void Dispose() => files.Dispose();

    private int Run(params string[] args)
    {
        var root = new RootCommand { MlCommand.Create(output, error) };
        return root.Parse(["ml", .. args]).Invoke();
    }

    // 600 rows: y = 1 when a > 0.6 and b < 0.5; c is noise; id and day columns.
    private string Data()
    {
        var data = Synthetic.Interaction(600, 3, seed: 31, noise: 0.02);
        var text = new StringBuilder("id,day,a,b,c,y\n");
        for (int r = 0; r < data.Rows; r++)
        {
            var row = data.Features.Row(r);
            text.Append(CultureInfo.InvariantCulture, $"t{r},{r % 3},{row[0]},{row[1]},{row[2]},{data.Labels[r]}\n");
        }

        var split = new StringBuilder("id,set\n");
        for (int r = 0; r < data.Rows; r++) split.Append(CultureInfo.InvariantCulture, $"t{r},{(r % 5 == 0 ? "test" : r % 5 == 1 ? "valid" : "train")}\n");
        files.Write("split.csv", split.ToString());
        return files.Write("data.csv", text.ToString());
    }

    [Theory]
    [InlineData("gbdt")]
    [InlineData("logistic")]
    [InlineData("iforest")]
    public void TrainEvalScore_EndToEnd_WritesAModelMetricsAndScores(string algorithm)
    {
        string data = Data();
        string model = files.PathOf("model.json");

        Run("train", "--algorithm", algorithm, "--label", "y", "--exclude", "day", "--id", "id", "--split", files.PathOf("split.csv"),
            "--out", model, "--early-stopping", algorithm == "gbdt" ? "10" : "0", "--threads", "2", data).ShouldBe(0, error.ToString());
        output.ToString().ShouldContain("evaluated on test rows: 120 rows");
        output.ToString().ShouldContain("top features");

        Run("eval", "--model", model, "--split", files.PathOf("split.csv"), "--card-precision", "day,id", "--k", "5",
            "--json", files.PathOf("eval.json"), data).ShouldBe(0, error.ToString());
        var metrics = JsonNode.Parse(File.ReadAllText(files.PathOf("eval.json")))!;
        ((int)metrics["count"]!).ShouldBe(120);
        if (algorithm == "gbdt") ((double)metrics["roc_auc"]!).ShouldBeGreaterThan(0.9);
        metrics["card_precision_at_k"].ShouldNotBeNull();

        Run("score", "--model", model, "--out", files.PathOf("scores.csv"), "--explain", "2", data).ShouldBe(0, error.ToString());
        var lines = File.ReadAllLines(files.PathOf("scores.csv"));
        lines[0].ShouldBe("id,score,reasons");
        lines.Length.ShouldBe(601);
        lines[1].ShouldStartWith("t0,");
    }

    [Fact]
    public void Train_LabelWithOneClassOnly_ExitsTwoNamingTheColumn()
    {
        string data = files.Write("one.csv", "a,y\n1,0\n2,0\n3,0\n");

        Run("train", "--label", "y", "--out", files.PathOf("m.json"), data).ShouldBe(2);
        error.ToString().ShouldContain("column 'y': the training rows have one class only");
        File.Exists(files.PathOf("m.json")).ShouldBeFalse();
    }

    [Fact]
    public void Train_NonNumericValue_ExitsTwoNamingRowAndColumn()
    {
        string data = files.Write("bad.csv", "a,when,y\n1,2024-01-01,0\n");

        Run("train", "--label", "y", "--out", files.PathOf("m.json"), data).ShouldBe(2);
        error.ToString().ShouldContain("bad.csv:2: column 'when': '2024-01-01' is not a number");
    }

    [Theory]
    [InlineData("--algorithm", "svm", "--algorithm must be")]
    [InlineData("--trees", "many", "--trees must be an integer")]
    [InlineData("--learning-rate", "2", "--learning-rate: must be in (0, 1]")]
    [InlineData("--threads", "0", "--threads must be")]
    [InlineData("--sketch-rounds", "-1", "--sketch-rounds: must be from 0 to 100000")]
    [InlineData("--sketch-rounds", "ten", "--sketch-rounds must be an integer")]
    public void Train_BadOption_ExitsTwo(string option, string value, string reason)
    {
        string data = Data();

        Run("train", "--label", "y", option, value, "--out", files.PathOf("m.json"), data).ShouldBe(2);
        error.ToString().ShouldContain(reason);
    }

    [Fact]
    public void Eval_ModelFromAnotherVersion_ExitsTwo()
    {
        string data = Data();
        string model = files.PathOf("model.json");
        Run("train", "--label", "y", "--exclude", "id,day", "--out", model, data).ShouldBe(0, error.ToString());
        var json = JsonNode.Parse(File.ReadAllText(model))!;
        json["version"] = 99;
        File.WriteAllText(model, json.ToJsonString());

        Run("eval", "--model", model, data).ShouldBe(2);
        error.ToString().ShouldContain("\"version\" is 99");
    }

    [Fact]
    public void Score_DataWithoutTheModelsFeature_ExitsTwoNamingIt()
    {
        string data = Data();
        string model = files.PathOf("model.json");
        Run("train", "--label", "y", "--exclude", "id,day", "--out", model, data).ShouldBe(0, error.ToString());
        string other = files.Write("other.csv", "a,b,y\n1,2,0\n");

        Run("score", "--model", model, "--out", files.PathOf("s.csv"), other).ShouldBe(2);
        error.ToString().ShouldContain("column 'c': the feature column is missing");
    }
}
