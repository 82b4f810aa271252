using System.Text;
using Ensuresec.Waf.Detectors.Sql;
using Ensuresec.Waf.Model;

namespace Ensuresec.Waf.Tests.Detectors;

/// <summary>
/// The rules added for attack fragments (SQL pieces appended to a WHERE clause, NoSQL operators, built PHP names,
/// attribute breakouts, protocol evasions): each fires on a payload of its family and stays quiet on a benign
/// value that shares its words or characters.
/// </summary>
public sealed class FragmentRuleTests
{
    [Theory]
    [InlineData("note%3D%7C%7C%28role%21%3D", "ES-WAF-942-CONDITION-CHAIN")] // name "note=||(role!=": the '=' was encoded
    [InlineData("q=%26%26%28isAdmin%3D%210%29", "ES-WAF-942-CONDITION-CHAIN")] // &&(isAdmin=!0): a $where breakout
    [InlineData("q=%7C%7C+owner+%3D%3D%3D+%27", "ES-WAF-942-CONDITION-CHAIN")]
    [InlineData("id=7+in+%283%2C5%2C-9%29", "ES-WAF-942-LIST")]
    [InlineData("q=VALUES%28%27x%27%2C2%29", "ES-WAF-942-LIST")]
    [InlineData("q=price%3D%28select", "ES-WAF-942-SUBQUERY")]
    [InlineData("q=2%3D2", "ES-WAF-942-TAUTOLOGY")]
    [InlineData("q=x%2C8%3C%3E9", "ES-WAF-942-TAUTOLOGY")]
    [InlineData("q=IS+TRUE", "ES-WAF-942-CONDITION-TAIL")]
    [InlineData("q=name+LIKE+%22", "ES-WAF-942-OPEN-LITERAL")]
    [InlineData("q=EXECUTE+stmt1+USING+%40a", "ES-WAF-942-EXECUTE")]
    [InlineData("q=%22x%22%3D%22x", "ES-WAF-942-LITERAL-COMPARISON")]
    [InlineData("q=%27a%27%2C+null%2C+3", "ES-WAF-942-LITERAL-LIST")]
    [InlineData("q=%2F9+or+", "ES-WAF-942-DANGLING-LOGIC")]
    [InlineData("q=x%27+truncate+tbl", "ES-WAF-942-BREAKOUT-KEYWORD")]
    [InlineData("q=abc%27%2C+1%2C+2", "ES-WAF-942-BREAKOUT-LIST")]
    [InlineData("q=%60%27", "ES-WAF-942-QUOTE-PROBE")]
    [InlineData("q=truncate+orders%3B", "ES-WAF-942-DDL")]
    [InlineData("q=1+procedure+analyse%28", "ES-WAF-942-PROCEDURE-ANALYSE")]
    [InlineData("q=select+sleep", "ES-WAF-942-SELECT-FUNCTION")]
    [InlineData("q=%29%29%29%29%29%29%29%29", "ES-WAF-942-META-RUN")]
    [InlineData("q=default%28", "ES-WAF-942-FUNCTION")]
    [InlineData("q=minute+%28", "ES-WAF-942-FUNCTION")]
    [InlineData("q=table_schema", "ES-WAF-942-CATALOG-COLUMN")]
    [InlineData("user%5B%24gt%5D=", "ES-WAF-942-NOSQL-OPERATOR")]
    [InlineData("q=%24f+%3D+%22pass%22+.+%22thru%22%3B", "ES-WAF-933-BUILT-NAME")]
    [InlineData("q=%5Bexec%5D%5B0%5D%28%27id%27%29", "ES-WAF-933-STRING-CALL")]
    [InlineData("q=%24h+%2F*x*%2F+%5B%22k%22%5D+%23y%0A+%28%29", "ES-WAF-933-VARIABLE-CALL")]
    [InlineData("q=posix_getuid%28%29", "ES-WAF-933-CALL-MEDIUM")]
    [InlineData("q=%24+%7B%27fn%27%7D%28%29", "ES-WAF-933-VARIABLE-CALL")]
    [InlineData("q=%3C%3Fimport+namespace%3D%22v%22+implementation%3D%22%23default%23VML%22%3E", "ES-WAF-941-IMPORT")]
    [InlineData("q=%27onwheel%3D", "ES-WAF-941-ATTRIBUTE-BREAKOUT")]
    [InlineData("q=%24%28sleep+9%29", "ES-WAF-932-SUBSTITUTION")]
    [InlineData("q=abc%60echo%24%7BIFS%7Dpwned%60", "ES-WAF-932-SUBSTITUTION")]
    [InlineData("q=%22+formaction+%3D", "ES-WAF-941-ATTRIBUTE-BREAKOUT")]
    [InlineData("q=*%29%21%28uid%3D*", "ES-WAF-921-LDAP")]
    [InlineData("q=eval%28atob%28%27YWxlcnQoMSk%3D%27%29%29", "ES-WAF-934-CODE")]
    [InlineData("q=https%3A%2F%2Fshop.example%3A2375%2Fcontainers", "ES-WAF-931-OFF-DOMAIN")]
    public void Analyze_FormBody_FiresTheRule(string body, string rule)
    {
        var verdict = Requests.Analyze(Requests.Post("/x", "application/x-www-form-urlencoded", body));
        verdict.Findings.Select(f => f.RuleId).ShouldContain(rule, Explain(verdict));
    }

    [Theory]
    [InlineData("note%3Dhello+there", AttackClass.SqlInjection)]
    [InlineData("q=Tom+%26%26+Jerry", AttackClass.SqlInjection)]
    [InlineData("q=made+in+%28Portugal%29", AttackClass.SqlInjection)]
    [InlineData("q=%28select+one+option%29", AttackClass.SqlInjection)]
    [InlineData("q=2%2B2%3D4", AttackClass.SqlInjection)]
    [InlineData("q=like+new", AttackClass.SqlInjection)]
    [InlineData("q=looks+like+%22new%22", AttackClass.SqlInjection)]
    [InlineData("q=execute+the+order+now", AttackClass.SqlInjection)]
    [InlineData("q=%22fast%22+delivery", AttackClass.SqlInjection)]
    [InlineData("q=%27red%27%2C+%27blue%27", AttackClass.SqlInjection)]
    [InlineData("q=black+or", AttackClass.SqlInjection)]
    [InlineData("q=it%27s+select+quality", AttackClass.SqlInjection)]
    [InlineData("q=rock+%27n%27%2C+roll", AttackClass.SqlInjection)]
    [InlineData("q=%27quoted%27", AttackClass.SqlInjection)]
    [InlineData("q=drop+shipping", AttackClass.SqlInjection)]
    [InlineData("q=procedure+for+returns", AttackClass.SqlInjection)]
    [InlineData("q=select+size", AttackClass.SqlInjection)]
    [InlineData("q=Great%21%21%21+%3A%29", AttackClass.SqlInjection)]
    [InlineData("q=schema", AttackClass.SqlInjection)]
    [InlineData("q=%24in+stock", AttackClass.SqlInjection)]
    [InlineData("q=%22Mr%22+.+%22Smith%22", AttackClass.PhpInjection)]
    [InlineData("q=%5Bnote%5D%5B0%5D+%28see+below%29", AttackClass.PhpInjection)]
    [InlineData("q=posix+compliance+%28draft%29", AttackClass.PhpInjection)]
    [InlineData("q=%22online%22+store", AttackClass.CrossSiteScripting)]
    [InlineData("q=price+%24%28sleep+well%2C+buy+now", AttackClass.CommandInjection)]
    [InlineData("q=the+%60quick+brown%60+fox", AttackClass.CommandInjection)]
    [InlineData("q=a+%3C%3Fimportance+note", AttackClass.CrossSiteScripting)]
    [InlineData("q=costs+%24+%285+each%29", AttackClass.PhpInjection)]
    [InlineData("q=%28hi%29%21%28there%29", AttackClass.LdapInjection)]
    [InlineData("q=evaluation+of+atob", AttackClass.NodeInjection)]
    [InlineData("q=https%3A%2F%2Fshop.example%2Fcart", AttackClass.RemoteFileInclusion)]
    public void Analyze_BenignNearMiss_StaysClean(string body, AttackClass attack)
    {
        var verdict = Requests.Analyze(Requests.Post("/x", "application/x-www-form-urlencoded", body));
        verdict.Classes().ShouldNotContain(attack, Explain(verdict));
    }

    [Fact]
    public void Tokenize_AssignmentThenOr_IsTwoOperators()
    {
        var tokens = new List<SqlToken>();
        SqlTokenizer.Tokenize("a=||b", '\0', tokens);
        tokens.Select(t => t.Text("a=||b").ToString()).ShouldBe(["a", "=", "||", "b"]);
        SqlTokenizer.Tokenize("x<=>y!==z", '\0', tokens);
        tokens.Select(t => t.Text("x<=>y!==z").ToString()).ShouldBe(["x", "<=>", "y", "!==", "z"]);
    }

    [Fact]
    public void Analyze_MongoOperatorAsJsonKey_IsQueryInjection()
    {
        var verdict = Requests.Analyze(Requests.Post("/login", "application/json", """{"user":"ann","password":{"$ne":null}}"""));
        verdict.Findings.Select(f => f.RuleId).ShouldContain("ES-WAF-942-NOSQL-OPERATOR");
        Requests.Analyze(Requests.Post("/login", "application/json", """{"user":"ann","note":"costs $5 (ex. VAT)"}""")).Classes().ShouldNotContain(AttackClass.SqlInjection);
    }

    [Fact]
    public void Analyze_SqlInLastPathSegment_IsFound()
    {
        Requests.Analyze(Requests.Get("/orders/5%20or%202=2")).Classes().ShouldContain(AttackClass.SqlInjection);
        Requests.Analyze(Requests.Get("/blog/2-or-3-things")).Classes().ShouldNotContain(AttackClass.SqlInjection);
    }

    [Fact]
    public void Analyze_NodeSerializeMarkerInBase64_IsNodeInjection()
    {
        string evil = Convert.ToBase64String(Encoding.ASCII.GetBytes("""{"cb":"_$$ND_FUNC$$_function(){return 1}()"}"""));
        string plain = Convert.ToBase64String(Encoding.ASCII.GetBytes("""{"cb":"callback name","n":12}"""));
        Requests.Analyze(Requests.Get("/x?state=" + Uri.EscapeDataString(evil))).Classes().ShouldContain(AttackClass.NodeInjection);
        Requests.Analyze(Requests.Get("/x?state=" + Uri.EscapeDataString(plain))).Classes().ShouldNotContain(AttackClass.NodeInjection);
    }

    [Fact]
    public void Analyze_RawJavaSerialisationBytesInForm_IsDeserialisation()
    {
        static HttpRequestData Form(byte[] body) => Requests.Post("/x", "application/x-www-form-urlencoded", string.Empty) with { Body = body };
        byte[] evil = [.. "data="u8, 0xAC, 0xED, 0x00, 0x05, .. "sr"u8];
        byte[] near = [.. "data="u8, 0xAC, 0xED, .. " caf\u00e9"u8];
        Requests.Analyze(Form(evil)).Findings.Select(f => f.RuleId).ShouldContain("ES-WAF-944-SERIAL-RAW");
        Requests.Analyze(Form(near)).Classes().ShouldNotContain(AttackClass.Deserialization);
    }

    [Theory]
    [InlineData("Accept", "text/html;charset=utf-7,*/*;q=0.1", "ES-WAF-920-ACCEPT-CHARSET-PARAM")]
    [InlineData("Range", "0-99", "ES-WAF-920-RANGE-SYNTAX")]
    [InlineData("Content-Encoding", "br", "ES-WAF-920-CONTENT-ENCODING")]
    public void Analyze_ProtocolEvasion_FiresAndItsNormalFormDoesNot(string header, string value, string rule)
    {
        var attack = new HttpRequestData { Method = "GET", Target = "/", Headers = [.. Requests.BrowserHeaders.Where(h => h.Key != header), new(header, value)] };
        Requests.Analyze(attack).Findings.Select(f => f.RuleId).ShouldContain(rule);
        string normal = header switch { "Accept" => "text/html;charset=utf-8,*/*;q=0.1", "Range" => "bytes=0-99", _ => "identity" };
        var benign = attack with { Headers = [.. Requests.BrowserHeaders.Where(h => h.Key != header), new(header, normal)] };
        Requests.Analyze(benign).Findings.ShouldBeEmpty();
    }

    private static string Explain(WafVerdict v) => string.Join("; ", v.Findings.Select(f => f.RuleId + " " + f.Evidence));
}
