using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Ensuresec.Waf.AspNetCore;
using Ensuresec.Waf.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace Ensuresec.Waf.Tests.AspNetCore;

/// <summary>Request bodies with Content-Encoding gzip, deflate and br through the middleware on the test server.</summary>
public sealed class CompressedBodyTests
{
    private static async Task<(WebApplication App, HttpClient Client, List<WafVerdict> Seen)> Start(WafMode mode, int maxDecompressed = 4 * 1024 * 1024)
    {
        var seen = new List<WafVerdict>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        var app = builder.Build();
        app.UseEnsuresecWaf(new WafMiddlewareOptions { Mode = mode, MaxDecompressedBytes = maxDecompressed, OnVerdict = (_, v) => { lock (seen) seen.Add(v); } });
        app.MapPost("/{**path}", async (HttpContext ctx) =>
        {
            // The application gets the body as sent (still compressed): the middleware only inspects.
            using var copy = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(copy);
            return Results.Text($"len={copy.Length}");
        });
        await app.StartAsync();
        var client = app.GetTestClient();
        client.DefaultRequestHeaders.Host = "shop.example";
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0");
        client.DefaultRequestHeaders.Accept.ParseAdd("*/*");
        return (app, client, seen);
    }

    private static byte[] Compress(string coding, byte[] data)
    {
        using var output = new MemoryStream();
        using (Stream s = coding switch
        {
            "gzip" => new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true),
            "deflate" => new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true),
            "raw-deflate" => new DeflateStream(output, CompressionLevel.SmallestSize, leaveOpen: true),
            _ => new BrotliStream(output, CompressionLevel.SmallestSize, leaveOpen: true),
        })
        {
            s.Write(data);
        }

        return output.ToArray();
    }

    private static ByteArrayContent Body(byte[] bytes, string encoding, string type = "application/x-www-form-urlencoded")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        content.Headers.ContentEncoding.Add(encoding);
        return content;
    }

    private static readonly byte[] Sqli = Encoding.UTF8.GetBytes("q=1%27%20UNION%20SELECT%20password%20FROM%20users--");

    [Theory]
    [InlineData("gzip", "gzip")]
    [InlineData("deflate", "deflate")]
    [InlineData("raw-deflate", "deflate")]
    [InlineData("br", "br")]
    public async Task Block_AttackInsideCompressedBody_Gets403(string format, string header)
    {
        var (app, client, seen) = await Start(WafMode.Block);
        await using var _app = app;
        var response = await client.PostAsync(new Uri("/search", UriKind.Relative), Body(Compress(format, Sqli), header));
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        seen.ShouldHaveSingleItem().Findings.ShouldContain(f => f.Class == AttackClass.SqlInjection && f.Part == RequestPart.BodyValue);
    }

    [Fact]
    public async Task Block_BenignGzipJson_ReachesTheAppUnchanged()
    {
        var (app, client, seen) = await Start(WafMode.Block);
        await using var _app = app;
        byte[] gz = Compress("gzip", Encoding.UTF8.GetBytes("{\"items\":[{\"sku\":\"TS-1\",\"qty\":2}],\"note\":\"Leave at the door, please (back)\"}"));
        var response = await client.PostAsync(new Uri("/api/checkout", UriKind.Relative), Body(gz, "gzip", "application/json"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe($"len={gz.Length}");
        seen.ShouldBeEmpty();
    }

    [Fact]
    public async Task StackedEncodings_AreUndoneInReverseOrder()
    {
        var (app, client, _) = await Start(WafMode.Block);
        await using var _app = app;
        var content = Body(Compress("br", Compress("gzip", Sqli)), "gzip");
        content.Headers.ContentEncoding.Add("br");
        (await client.PostAsync(new Uri("/search", UriKind.Relative), content)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    public async Task ZipBomb_IsACriticalProtocolFindingWithBoundedMemory(string coding)
    {
        // 200 MB of zeros compress to about 200 KB (gzip) or a few hundred bytes (br); only the 4 MiB limit is ever expanded.
        byte[] bomb;
        using (var output = new MemoryStream())
        {
            using (Stream s = coding == "gzip" ? new GZipStream(output, CompressionLevel.Optimal, true) : new BrotliStream(output, CompressionLevel.Optimal, true))
            {
                byte[] zeros = new byte[1024 * 1024];
                for (int i = 0; i < 200; i++) s.Write(zeros);
            }

            bomb = output.ToArray();
        }

        var (app, client, seen) = await Start(WafMode.Block);
        await using var _app = app;
        long before = GC.GetTotalAllocatedBytes(precise: true);
        var response = await client.PostAsync(new Uri("/upload", UriKind.Relative), Body(bomb, coding, "application/json"));
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var finding = seen.ShouldHaveSingleItem().Findings.Where(f => f.RuleId == "ES-WAF-920-COMPRESSION-BOMB").ShouldHaveSingleItem();
        finding.Class.ShouldBe(AttackClass.Protocol);
        finding.Evidence.ShouldContain(coding);
        allocated.ShouldBeLessThan(64L * 1024 * 1024);
    }

    [Fact]
    public async Task Monitor_ZipBomb_PassesWithTheFindingRecorded()
    {
        byte[] bomb = Compress("gzip", new byte[32 * 1024 * 1024]);
        var (app, client, seen) = await Start(WafMode.Monitor);
        await using var _app = app;
        (await client.PostAsync(new Uri("/upload", UriKind.Relative), Body(bomb, "gzip", "application/json"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        seen.ShouldHaveSingleItem().Findings.ShouldContain(f => f.RuleId == "ES-WAF-920-COMPRESSION-BOMB");
    }

    [Fact]
    public async Task LargeButPlausibleCompressedBody_PrefixInspectedNoBomb()
    {
        // 2 MiB of varied text at a ratio far under 100: a big upload, not a bomb.
        var random = new Random(7);
        var text = new StringBuilder("note=");
        while (text.Length < 2 * 1024 * 1024) text.Append(random.Next(1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('+');
        var (app, client, seen) = await Start(WafMode.Block, maxDecompressed: 1024 * 1024);
        await using var _app = app;
        (await client.PostAsync(new Uri("/notes", UriKind.Relative), Body(Compress("gzip", Encoding.ASCII.GetBytes(text.ToString())), "gzip"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        seen.SelectMany(v => v.Findings).ShouldNotContain(f => f.RuleId == "ES-WAF-920-COMPRESSION-BOMB");
    }

    [Fact]
    public async Task ContentEncodingWithoutABody_IsStillReportedByTheAnalyser()
    {
        var (app, client, seen) = await Start(WafMode.Monitor);
        await using var _app = app;
        (await client.PostAsync(new Uri("/api", UriKind.Relative), Body([], "gzip"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        seen.ShouldHaveSingleItem().Findings.ShouldContain(x => x.RuleId == "ES-WAF-920-CONTENT-ENCODING" && x.Message.Contains("not inspected"));
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("br")]
    public async Task MalformedCompressedBody_IsAProtocolFinding(string coding)
    {
        var (app, client, seen) = await Start(WafMode.Monitor);
        await using var _app = app;
        byte[] garbage = [0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad, 0xbe, 0xef, 0x00, 0xff, 0x13, 0x37, 0x42, 0x42, 0x42, 0x42, 0x42];
        if (coding != "gzip") garbage = Encoding.ASCII.GetBytes("this is not compressed at all, just text sent with a lie");
        (await client.PostAsync(new Uri("/api", UriKind.Relative), Body(garbage, coding))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var f = seen.ShouldHaveSingleItem().Findings.Where(x => x.RuleId == "ES-WAF-920-CONTENT-ENCODING").ShouldHaveSingleItem();
        f.Class.ShouldBe(AttackClass.Protocol);
        f.Message.ShouldContain("malformed " + coding);
    }

    [Fact]
    public async Task TruncatedGzip_IsMalformedAndTheRawBytesAreStillInspected()
    {
        var (app, client, seen) = await Start(WafMode.Monitor);
        await using var _app = app;
        byte[] gz = Compress("gzip", Sqli);
        (await client.PostAsync(new Uri("/api", UriKind.Relative), Body(gz[..(gz.Length / 2)], "gzip"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        seen.ShouldHaveSingleItem().Findings.ShouldContain(x => x.RuleId == "ES-WAF-920-CONTENT-ENCODING");
    }

    [Fact]
    public async Task UnknownEncoding_IsAProtocolFinding()
    {
        var (app, client, seen) = await Start(WafMode.Monitor);
        await using var _app = app;
        (await client.PostAsync(new Uri("/api", UriKind.Relative), Body(Sqli, "zstd"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        seen.ShouldHaveSingleItem().Findings.ShouldContain(x => x.RuleId == "ES-WAF-920-CONTENT-ENCODING" && x.Evidence == "zstd");
    }
}
