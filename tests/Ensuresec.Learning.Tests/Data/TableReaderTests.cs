using System.IO.Compression;
using System.Text;
using Ensuresec.Learning.Data;
using Ensuresec.Tests.Support;

namespace Ensuresec.Learning.Tests.Data;

public sealed class TableReaderTests : IDisposable
{
    private readonly TempFiles files = new();

    public void Dispose() => files.Dispose();

    private TableReadResult Read(string csv, TableRequest? request = null) =>
        TableReader.Read(files.Write("data.csv", csv), request ?? new TableRequest { Label = "y" });

    [Fact]
    public void Read_GoodCsv_GivesFeaturesLabelsAndRowNumbersAsIds()
    {
        var result = Read("a,b,y\n1,2.5,0\n\"3\",-4e2,1\n");

        var table = result.Table.ShouldNotBeNull();
        table.Features.Names.ShouldBe(["a", "b"]);
        table.Features.Values.ShouldBe([1f, 2.5f, 3f, -400f]);
        table.Labels.ShouldBe([0f, 1f]);
        table.Ids.ShouldBe(["0", "1"]);
    }

    [Fact]
    public void Read_FeaturesExcludeIdAndText_AreHonoured()
    {
        var table = Read("id,day,a,b,c,y\nx1,d1,1,2,3,0\nx2,d2,4,5,6,1\n",
            new TableRequest { Label = "y", Id = "id", Exclude = ["b"], Text = ["day"] }).Table!;

        table.Features.Names.ShouldBe(["a", "c"]);
        table.Ids.ShouldBe(["x1", "x2"]);
        table.Text["day"].ShouldBe(["d1", "d2"]);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("a,y\n", "no data rows")]
    [InlineData("a,a,y\n1,2,0\n", "'a': appears twice")]
    [InlineData("a,b,y\n1,2,0\n3,1\n", ":3: 2 fields where the header has 3")]
    [InlineData("a,b,y\n1,2,0\n3,abc,1\n", ":3: column 'b': 'abc' is not a number")]
    [InlineData("a,y\nNaN,0\n", ":2: column 'a': 'NaN' is not a finite number")]
    [InlineData("a,y\n-Infinity,0\n", "not a finite number")]
    [InlineData("a,y\n1e999,0\n", ":2: column 'a': '1e999' is not a finite number")]
    [InlineData("a,y\n1,2\n", ":2: column 'y': label '2' is not 0 or 1")]
    [InlineData("a,b\n1,2\n", "column 'y': the label column is missing")]
    public void Read_BadCsv_NamesTheLineAndColumn(string csv, string reason)
    {
        var result = Read(csv);

        result.Table.ShouldBeNull();
        result.Error!.ToString().ShouldContain(reason);
    }

    [Fact]
    public void Read_MissingFeatureColumn_IsNamed()
    {
        var result = Read("a,y\n1,0\n", new TableRequest { Label = "y", Features = ["a", "b"] });

        result.Error!.ToString().ShouldContain("column 'b': the feature column is missing");
    }

    [Fact]
    public void Read_InvalidUtf8_IsRefusedWithTheLine()
    {
        var bytes = Encoding.UTF8.GetBytes("a,y\n1,0\n").Concat(new byte[] { 0xff, 0xfe, 0x2c, 0x31, 0x0a }).ToArray();

        var result = TableReader.Read(files.WriteBytes("bad.csv", bytes), new TableRequest { Label = "y" });

        result.Error!.ToString().ShouldContain("not valid UTF-8");
    }

    [Fact]
    public void Read_HostileQuotedField_IsRefusedNotCrashing()
    {
        var result = Read("a,y\n\"" + new string('x', 2_000_000) + "\",0\n");

        result.Table.ShouldBeNull();
        result.Error.ShouldNotBeNull();
    }

    [Fact]
    public void Read_Gzip_IsDetectedByItsMagicBytes_AndTruncationIsAnError()
    {
        var buffer = new MemoryStream();
        using (var gz = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            var text = Encoding.UTF8.GetBytes("a,y\n" + string.Concat(Enumerable.Range(0, 5000).Select(i => $"{i},{i % 2}\n")));
            gz.Write(text);
        }

        var whole = buffer.ToArray();
        var good = TableReader.Read(files.WriteBytes("data.csv.gz", whole), new TableRequest { Label = "y" });
        good.Table!.Rows.ShouldBe(5000);

        var truncated = TableReader.Read(files.WriteBytes("cut.csv.gz", whole[..(whole.Length / 2)]), new TableRequest { Label = "y" });
        truncated.Table.ShouldBeNull();
        truncated.Error.ShouldNotBeNull();
    }

    [Fact]
    public void Read_PhishingArff_Has11055SitesAnd30Features()
    {
        var result = TableReader.Read(SharedData.PathOf("phishing-uci/phishing-websites.arff"), new TableRequest { Label = "Result", Positive = "-1" });

        var table = result.Table.ShouldNotBeNull();
        table.Rows.ShouldBe(11_055);
        table.Features.Columns.ShouldBe(30);
        table.Labels!.Sum().ShouldBe(4898);
    }

    [Theory]
    [InlineData("@relation r\n@attribute a string\n@attribute y {0,1}\n@data\nx,0\n", ":2: attribute 'a' has type string")]
    [InlineData("@relation r\n@attribute a numeric\n@attribute y {0,1}\n@data\n?,0\n", ":5: missing values")]
    [InlineData("@relation r\n@attribute a numeric\n@attribute y {0,1}\n@data\n{0 1}\n", "sparse")]
    [InlineData("@relation r\n@attribute a numeric\n@attribute y {0,1}\n", "no @data")]
    [InlineData("@relation r\nhello\n", ":2: expected @relation")]
    [InlineData("@relation r\n@attribute a numeric\n@attribute y {0,1}\n@data\n1,0,5\n", ":5: 3 fields where the header has 2")]
    public void Read_BadArff_NamesTheLine(string arff, string reason)
    {
        var result = TableReader.Read(files.Write("data.arff", arff), new TableRequest { Label = "y" });

        result.Table.ShouldBeNull();
        result.Error!.ToString().ShouldContain(reason);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("row,part\n1,train\n", "header must be id,set")]
    [InlineData("id,set\n1,training\n", ":2: column 'set': 'training' is not train, valid or test")]
    [InlineData("id,set\n1,train\n1,test\n", ":3: column 'id': id '1' appears twice")]
    public void SplitFile_BadFiles_AreRefusedWithTheLine(string content, string reason)
    {
        var (split, error) = SplitFile.Read(files.Write("split.csv", content));

        split.ShouldBeNull();
        error!.ToString().ShouldContain(reason);
    }

    [Fact]
    public void SplitFile_IdMissingFromTheData_IsAnError()
    {
        var table = Read("a,y\n1,0\n2,1\n").Table!;
        var (split, _) = SplitFile.Read(files.Write("split.csv", "id,set\n0,train\n7,test\n"));

        var (rows, error) = SplitFile.Apply(split!, table);

        rows.ShouldBeNull();
        error!.ShouldContain("'7'");
    }
}
