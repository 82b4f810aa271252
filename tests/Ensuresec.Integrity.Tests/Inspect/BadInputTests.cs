using System.Diagnostics;
using System.Text;
using Ensuresec.Integrity.Inspect;
using Ensuresec.Integrity.Inspect.Js;

namespace Ensuresec.Integrity.Tests.Inspect;

/// <summary>Hostile and broken input: reported, never a crash, and bounded in time.</summary>
public sealed class BadInputTests
{
    private readonly Inspector _inspector = new(SampleTests.Shop);

    [Fact]
    public void InspectBytes_BinaryJs_IsSkippedAsBinary()
    {
        var bytes = new byte[4096];
        new Random(1).NextBytes(bytes);
        bytes[10] = 0;
        var result = _inspector.InspectBytes("x.js", bytes);
        result.Skipped.ShouldBe("binary content");
    }

    [Fact]
    public void InspectBytes_InvalidUtf8_IsAnalysedWithANote()
    {
        var bytes = Encoding.UTF8.GetBytes("@eval($_POST['p']); ").Concat(new byte[] { 0xC3, 0x28, 0xFF }).ToArray();
        var result = _inspector.InspectBytes("x.php", [.. "<?php "u8.ToArray(), .. bytes]);
        result.Notes.ShouldContain(n => n.Contains("invalid UTF-8"));
        result.Matches.ShouldContain(m => m.Rule.Id == "ES-SHOP-010");
    }

    [Fact]
    public void InspectFile_LargerThanTheLimit_IsSkippedNotRead()
    {
        string path = Path.Combine(Path.GetTempPath(), $"es-big-{Guid.NewGuid():N}.js");
        File.WriteAllBytes(path, new byte[2048]);
        try
        {
            var result = new Inspector(SampleTests.Shop with { MaxFileBytes = 1024 }).InspectFile(path);
            result.Skipped.ShouldNotBeNull().ShouldContain("larger than 1024");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void InspectFile_Vanished_IsAnErrorNotAnException()
    {
        var result = _inspector.InspectFile(Path.Combine(Path.GetTempPath(), $"gone-{Guid.NewGuid():N}.js"));
        result.Error.ShouldNotBeNull();
    }

    [Fact]
    public void InspectText_MultiMegabyteMinifiedOneLiner_FinishesQuickly()
    {
        var sb = new StringBuilder();
        var random = new Random(7);
        while (sb.Length < 4_000_000)
        {
            sb.Append("var a").Append(random.Next(1000)).Append("=function(b,c){return b.split(\"x\").map(function(d){return d+c*").Append(random.Next(99)).Append("})};");
        }

        var watch = Stopwatch.StartNew();
        var result = _inspector.InspectText("big.min.js", sb.ToString(), "js");
        watch.Stop();
        result.Matches.ShouldBeEmpty();
        // not a benchmark: a generous ceiling that only a quadratic step would break
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void InspectText_DeeplyNestedEvalChain_StopsAtTheDepthLimitWithANote()
    {
        string code = "document.querySelector('#cc_number').value";
        for (int i = 0; i < 12; i++) code = $"eval(atob(\"{Convert.ToBase64String(Encoding.UTF8.GetBytes(code))}\"))";
        var result = _inspector.InspectText("deep.js", code, "js");
        result.Notes.ShouldContain(n => n.Contains("nested deeper"));
    }

    [Theory]
    [InlineData("\"unterminated")]
    [InlineData("/* never closed")]
    [InlineData("`template ${ never")]
    [InlineData("a = /regex[/ + 1")]
    [InlineData("String.fromCharCode(99999999999, -1, 0x110000)")]
    [InlineData("'\\u{110000}\\x\\u12'")]
    [InlineData("eval(function(p,a,c,k,e,d){}('0 1',999,5,'a|b'.split('|'),0,{}))")]
    [InlineData("(((((((((((((((((((((((((((((((((((((((((")]
    public void InspectText_BrokenJavaScript_DoesNotThrow(string code)
    {
        Should.NotThrow(() => _inspector.InspectText("bad.js", code, "js"));
    }

    [Theory]
    [InlineData("<?php $a = <<<EOT\nnever closed")]
    [InlineData("<?php eval(gzinflate(base64_decode('!!!not base64')));")]
    [InlineData("<?php eval(gzinflate('not deflate'));")]
    [InlineData("<?php \"\\x")]
    [InlineData("<?php $$$$$$$$ ((((( ")]
    public void InspectText_BrokenPhp_DoesNotThrow(string code)
    {
        Should.NotThrow(() => _inspector.InspectText("bad.php", code, "php"));
    }

    [Fact]
    public void Unpacker_RoundTripsThePackerWordEncoding()
    {
        // the packer's base-62 encoding: 0-9, a-z, then A-Z from char 36+29
        JsUnpacker.Encode(0, 62).ShouldBe("0");
        JsUnpacker.Encode(35, 62).ShouldBe("z");
        JsUnpacker.Encode(36, 62).ShouldBe("A");
        JsUnpacker.Encode(62, 62).ShouldBe("10");
        JsUnpacker.Unpack("0 1 0", 62, 2, ["hello", "world"]).ShouldBe("hello world hello");
    }
}
