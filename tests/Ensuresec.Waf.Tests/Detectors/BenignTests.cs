using Ensuresec.Waf.Model;

namespace Ensuresec.Waf.Tests.Detectors;

/// <summary>The hard benign cases: shop text that looks a little like attacks must raise nothing.</summary>
public sealed class BenignTests
{
    [Theory]
    [InlineData("/search?q=O%27Reilly%20books")]
    [InlineData("/search?q=select%20your%20size")]
    [InlineData("/search?q=rock%20%26%20roll%20t-shirt")]
    [InlineData("/search?q=black%20or%20white%20sneakers")]
    [InlineData("/search?q=1%2F2%20inch%20drill%20bit")]
    [InlineData("/catalog?sort=price&dir=asc&page=2&limit=24")]
    [InlineData("/account/orders?from=2024-01-01&to=2024-12-31")]
    [InlineData("/checkout?coupon=SUMMER-2024&email=jane.doe%2Btest%40example.com")]
    [InlineData("/search?q=C%2B%2B%20for%20dummies")]
    [InlineData("/search?q=100%25%20cotton")]
    [InlineData("/p/lenovo-thinkpad-x1-carbon-gen-11-(2023)")]
    [InlineData("/search?q=Tom%27s%20%22best%22%20pizza%20-%20oven")]
    [InlineData("/cart/add?product_id=42&qty=1&options%5Bcolor%5D=red&options%5Bsize%5D=M")]
    [InlineData("/search?q=what%20is%20an%20etc%20file")]
    [InlineData("/search?q=cat%20food%20for%20seniors")]
    [InlineData("/redirect?to=https%3A%2F%2Fshop.example%2Fcart")]
    public void Analyze_ShopQuery_RaisesNothing(string target)
    {
        var v = Requests.Analyze(Requests.Get(target));
        v.Findings.ShouldBeEmpty(string.Join("; ", v.Findings.Select(f => f.RuleId + " " + f.Evidence)));
    }

    [Fact]
    public void Analyze_CheckoutJson_RaisesNothing()
    {
        const string body = """{"items":[{"sku":"TS-42-RED","qty":2,"price":19.99}],"billing":{"name":"Zoë O'Connor-Smith","street":"12 Rue de l'Église","city":"Saint-Étienne","note":"Leave at door (back) & ring twice; thanks!"},"payment":{"method":"card","token":"tok_1NqL2x"}}""";
        var v = Requests.Analyze(Requests.Post("/api/checkout", "application/json", body));
        v.Findings.ShouldBeEmpty(string.Join("; ", v.Findings.Select(f => f.RuleId + " " + f.Evidence)));
    }

    [Fact]
    public void Analyze_LoginForm_WithSymbolPassword_RaisesNothing()
    {
        var v = Requests.Analyze(Requests.Post("/account/login", "application/x-www-form-urlencoded", "email=a%40b.example&password=P%40ss%3Bw0rd%21%26%3C3&remember=on"));
        v.Findings.ShouldBeEmpty(string.Join("; ", v.Findings.Select(f => f.RuleId + " " + f.Evidence)));
    }

    [Fact]
    public void Analyze_ProductReviewWithPunctuation_RaisesNothing()
    {
        var v = Requests.Analyze(Requests.Post("/review", "application/x-www-form-urlencoded",
            "rating=5&text=Great+product%21+Fits+well+%28size+M%29%2C+would+buy+again+-+5%2F5.+Delivery+took+2-3+days%3B+ok."));
        v.Findings.ShouldBeEmpty(string.Join("; ", v.Findings.Select(f => f.RuleId + " " + f.Evidence)));
    }
}
