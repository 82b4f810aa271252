using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Ensuresec.Cli.Commands;
using Ensuresec.Learning.Tests.Text;

namespace Ensuresec.Learning.Tests.Cli;

public sealed class MlTextCommandTests : IDisposable
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

    // 300 reviews with quoted, multi-line text; every fifth is a test row.
    private string Data()
    {
        var (texts, labels) = TextClassifierTests.Reviews(300, seed: 21);
        var csv = new StringBuilder("id,review,spam\n");
        var split = new StringBuilder("id,set\n");
        for (int r = 0; r < texts.Length; r++)
        {
            string text = r % 7 == 0 ? texts[r].Replace(" ", "\n", StringComparison.Ordinal) + ", \"quoted\"" : texts[r];
            csv.Append(CultureInfo.InvariantCulture, $"r{r},\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\",{labels[r]}\n");
            split.Append(CultureInfo.InvariantCulture, $"r{r},{(r % 5 == 0 ? "test" : "train")}\n");
        }

        files.Write("split.csv", split.ToString());
        return files.Write("reviews.csv", csv.ToString());
    }

    [Theory]
    [InlineData("text-logistic")]
    [InlineData("text-svm")]
    public void TrainEvalScore_EndToEnd(string algorithm)
    {
        string data = Data();
        string model = files.PathOf("model.json");
        Run("train", "--task", "text", "--algorithm", algorithm, "--text", "review", "--label", "spam", "--id", "id", "--split", files.PathOf("split.csv"),
            "--word-ngrams", "2", "--char-ngrams", "2-4", "--min-df", "2", "--sublinear-tf", "--out", model, "--json", files.PathOf("train.json"), "--threads", "2", data)
            .ShouldBe(0, error.ToString());
        output.ToString().ShouldContain($"trained {algorithm} on 240 texts");
        output.ToString().ShouldContain("evaluated on test rows: 60 texts, 30 positive");
        output.ToString().ShouldContain("terms towards the positive class");
        var report = JsonNode.Parse(File.ReadAllText(files.PathOf("train.json")))!;
        ((double)report["evaluation"]!["accuracy"]!).ShouldBeGreaterThan(0.9);
        var written = JsonNode.Parse(File.ReadAllText(model))!;
        ((string)written["text"]!).ShouldBe("review");
        ((int)written["tfidf"]!["min_df"]!).ShouldBe(2);

        Run("eval", "--model", model, "--split", files.PathOf("split.csv"), "--json", files.PathOf("eval.json"), data).ShouldBe(0, error.ToString());
        ((double)JsonNode.Parse(File.ReadAllText(files.PathOf("eval.json")))!["accuracy"]!).ShouldBe((double)report["evaluation"]!["accuracy"]!);

        Run("score", "--model", model, "--split", files.PathOf("split.csv"), "--explain", "2", "--out", files.PathOf("scores.csv"), data).ShouldBe(0, error.ToString());
        var lines = File.ReadAllLines(files.PathOf("scores.csv"));
        lines[0].ShouldBe("id,score,reasons");
        lines.Length.ShouldBe(61);
        lines[1].ShouldStartWith("r0,");
        lines.Skip(1).Count(l => l.Contains("(+", StringComparison.Ordinal)).ShouldBeGreaterThan(30);
    }

    [Fact]
    public void Train_WithoutTextColumn_IsUsageError()
    {
        Run("train", "--algorithm", "text-svm", "--label", "spam", "--out", files.PathOf("m.json"), Data()).ShouldBe(2);
        error.ToString().ShouldContain("needs --text COLUMN");
    }

    [Theory]
    [InlineData("--word-ngrams", "x", "--word-ngrams must be")]
    [InlineData("--char-ngrams", "5-2", "char-ngrams: must be MIN-MAX")]
    [InlineData("--char-mode", "diagonal", "--char-mode must be within or across")]
    [InlineData("--loss", "log", "--loss must be")]
    [InlineData("--max-df", "0", "--max-df must be")]
    [InlineData("--min-df", "100000", "no n-gram is left")]
    public void Train_BadTextOptions_AreUsageErrors(string option, string value, string message)
    {
        Run("train", "--algorithm", "text-logistic", "--text", "review", "--label", "spam", option, value, "--out", files.PathOf("m.json"), Data()).ShouldBe(2);
        error.ToString().ShouldContain(message);
    }

    [Fact]
    public void Train_TextOptionOnANumericAlgorithm_IsUsageError()
    {
        Run("train", "--algorithm", "gbdt", "--text", "review", "--label", "spam", "--out", files.PathOf("m.json"), Data()).ShouldBe(2);
        error.ToString().ShouldContain("--text applies to text-logistic and text-svm only");
    }

    [Fact]
    public void EmptyText_NamesTheFileLineAndColumn()
    {
        string data = files.Write("empty.csv", "id,review,spam\na,good hotel,1\nb,\"  \",0\n");
        Run("train", "--algorithm", "text-svm", "--text", "review", "--label", "spam", "--out", files.PathOf("m.json"), data).ShouldBe(2);
        error.ToString().ShouldContain("empty.csv:3: column 'review': the text is empty");
    }

    [Fact]
    public void TextWithNoWords_NamesTheRow()
    {
        string data = files.Write("symbols.csv", "id,review,spam\na,good hotel,1\nb,?!?,0\n");
        Run("train", "--algorithm", "text-svm", "--text", "review", "--label", "spam", "--id", "id", "--out", files.PathOf("m.json"), data).ShouldBe(2);
        error.ToString().ShouldContain("row id 'b': column 'review': the text has no words");
    }

    [Fact]
    public void OneClassLabel_IsRefused()
    {
        string data = files.Write("one.csv", "review,spam\ngood hotel,1\nbad hotel,1\n");
        Run("train", "--algorithm", "text-logistic", "--text", "review", "--label", "spam", "--out", files.PathOf("m.json"), data).ShouldBe(2);
        error.ToString().ShouldContain("one class only");
    }

    [Fact]
    public void InvalidUtf8_NamesTheFile()
    {
        var bytes = Encoding.UTF8.GetBytes("review,spam\ngood hotel,1\n").Concat(new byte[] { 0xC3, 0x28, (byte)',', (byte)'0', (byte)'\n' }).ToArray();
        string data = files.WriteBytes("bad.csv", bytes);
        Run("train", "--algorithm", "text-logistic", "--text", "review", "--label", "spam", "--out", files.PathOf("m.json"), data).ShouldBe(2);
        error.ToString().ShouldContain("bad.csv");
        error.ToString().ShouldContain("not valid UTF-8 text");
    }

    [Fact]
    public void HugeText_IsRefusedWithItsLine()
    {
        string data = files.Write("huge.csv", "review,spam\ngood hotel,1\n\"" + string.Concat(Enumerable.Repeat("word ", 250_000)) + "\",0\n");
        Run("train", "--algorithm", "text-logistic", "--text", "review", "--label", "spam", "--out", files.PathOf("m.json"), data).ShouldBe(2);
        error.ToString().ShouldContain("huge.csv:3: a field is longer than 1,048,576 characters");
    }

    [Fact]
    public void MissingTextColumn_IsNamed()
    {
        Run("train", "--algorithm", "text-logistic", "--text", "body", "--label", "spam", "--out", files.PathOf("m.json"), Data()).ShouldBe(2);
        error.ToString().ShouldContain("column 'body': the column is missing");
    }
}
