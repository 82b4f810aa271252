using System.Text;
using Ensuresec.Waf.Model;

namespace Ensuresec.Waf.Tests.Inputs;

/// <summary>Bodies are read by content type; broken bodies become protocol findings, never exceptions.</summary>
public sealed class BodyTests
{
    [Fact]
    public void Json_NestedAttack_IsFoundWithItsPath()
    {
        var v = Requests.Analyze(Requests.Post("/api", "application/json", """{"order":{"notes":["ok","1' OR '1'='1"]}}"""));
        v.Findings.ShouldContain(f => f.Class == AttackClass.SqlInjection && f.Part == RequestPart.BodyValue && f.Name == "order.notes.1");
    }

    [Fact]
    public void Json_Truncated_IsAProtocolFindingNamingTheLine()
    {
        var v = Requests.Analyze(Requests.Post("/api", "application/json", "{\"a\": [1, 2"));
        v.Findings.ShouldContain(f => f.RuleId == "ES-WAF-920-BODY-JSON" && f.Evidence.Contains("line 1"));
    }

    [Fact]
    public void Json_TooDeep_IsAProtocolFindingAndTheRawBodyIsStillInspected()
    {
        string deep = new string('[', 200) + "\"<script>alert(1)</script>\"" + new string(']', 200);
        var v = Requests.Analyze(Requests.Post("/api", "application/json", deep));
        v.Findings.ShouldContain(f => f.RuleId == "ES-WAF-920-BODY-JSON");
        v.Classes().ShouldContain(AttackClass.CrossSiteScripting);
    }

    [Fact]
    public void Xml_AttributeAndText_AreInspected()
    {
        var v = Requests.Analyze(Requests.Post("/soap", "application/xml", "<?xml version=\"1.0\"?><a x=\"java.lang.Runtime\"><b>../../etc/passwd</b></a>"));
        v.Classes().ShouldContain(AttackClass.JavaInjection);
        v.Classes().ShouldContain(AttackClass.PathTraversal);
    }

    [Fact]
    public void Xml_Malformed_IsAProtocolFinding()
    {
        Requests.Analyze(Requests.Post("/soap", "application/xml", "<a><b></a>")).Findings.ShouldContain(f => f.RuleId == "ES-WAF-920-BODY-XML");
    }

    [Fact]
    public void Xml_ExternalEntity_IsNotResolved()
    {
        const string xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>";
        var v = Requests.Analyze(Requests.Post("/soap", "application/xml", xxe));
        v.Findings.ShouldNotContain(f => f.Evidence.Contains("root:"));
    }

    [Fact]
    public void Multipart_FieldsAndFileNames_AreInspected()
    {
        const string body = "--XyZ\r\nContent-Disposition: form-data; name=\"comment\"\r\n\r\n<script>alert(1)</script>\r\n--XyZ\r\nContent-Disposition: form-data; name=\"avatar\"; filename=\"shell.php\"\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n--XyZ--\r\n";
        var v = Requests.Analyze(Requests.Post("/upload", "multipart/form-data; boundary=XyZ", body));
        v.Findings.ShouldContain(f => f.Class == AttackClass.CrossSiteScripting && f.Name == "comment");
        v.Findings.ShouldContain(f => f.RuleId == "ES-WAF-933-UPLOAD" && f.Part == RequestPart.FileName);
    }

    [Fact]
    public void Multipart_WithoutBoundary_IsAProtocolFinding()
    {
        Requests.Analyze(Requests.Post("/upload", "multipart/form-data", "--a\r\n\r\nx\r\n--a--")).Findings.ShouldContain(f => f.RuleId == "ES-WAF-922-BOUNDARY");
    }

    [Fact]
    public void Multipart_Unclosed_IsAProtocolFinding()
    {
        Requests.Analyze(Requests.Post("/upload", "multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n")).Findings.ShouldContain(f => f.RuleId == "ES-WAF-922-MALFORMED");
    }

    [Fact]
    public void Arguments_OverTheLimit_AreAProtocolFinding()
    {
        string body = string.Join('&', Enumerable.Range(0, 50).Select(i => $"a{i}=1"));
        var v = new WafAnalyzer(new WafOptions { MaxArguments = 10 }).Analyze(Requests.Post("/", "application/x-www-form-urlencoded", body));
        v.Findings.ShouldContain(f => f.RuleId == "ES-WAF-920-ARGUMENTS");
    }

    [Fact]
    public void HostileBytes_NeverThrow()
    {
        var rng = new Random(7);
        var analyzer = new WafAnalyzer(new WafOptions());
        foreach (string type in new[] { "application/json", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "" })
        {
            for (int i = 0; i < 200; i++)
            {
                byte[] bytes = new byte[rng.Next(0, 400)];
                rng.NextBytes(bytes);
                var r = new HttpRequestData { Method = "POST", Target = "/?" + Encoding.Latin1.GetString(bytes, 0, Math.Min(40, bytes.Length)), Headers = [new("Content-Type", type)], Body = bytes };
                Should.NotThrow(() => analyzer.Analyze(r));
            }
        }
    }
}
