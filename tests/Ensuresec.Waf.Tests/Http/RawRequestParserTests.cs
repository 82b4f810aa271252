using System.Text;
using Ensuresec.Waf.Http;

namespace Ensuresec.Waf.Tests.Http;

public sealed class RawRequestParserTests
{
    [Fact]
    public void TryParse_Request_ReadsLineHeadersAndBody()
    {
        byte[] raw = Encoding.ASCII.GetBytes("POST /a?b=c HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n\r\nhello");
        RawRequestParser.TryParse(raw, out var r, out _).ShouldBeTrue();
        r!.Method.ShouldBe("POST");
        r.Target.ShouldBe("/a?b=c");
        r.Version.ShouldBe("HTTP/1.1");
        r.Header("content-type").ShouldBe("text/plain");
        Encoding.ASCII.GetString(r.Body.Span).ShouldBe("hello");
    }

    [Fact]
    public void TryParse_Chunked_IsDechunked()
    {
        byte[] raw = Encoding.ASCII.GetBytes("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
        RawRequestParser.TryParse(raw, out var r, out _).ShouldBeTrue();
        Encoding.ASCII.GetString(r!.Body.Span).ShouldBe("abcde");
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n\r\n")]
    [InlineData("GARBAGE")]
    public void TryParse_NoRequestLine_FailsWithAReason(string text)
    {
        RawRequestParser.TryParse(Encoding.ASCII.GetBytes(text), out var r, out string error).ShouldBeFalse();
        r.ShouldBeNull();
        error.ShouldNotBeEmpty();
    }

    [Fact]
    public void TryParse_RandomBytes_NeverThrows()
    {
        var rng = new Random(3);
        for (int i = 0; i < 500; i++)
        {
            byte[] b = new byte[rng.Next(0, 300)];
            rng.NextBytes(b);
            Should.NotThrow(() => RawRequestParser.TryParse(b, out _, out _));
        }
    }
}
