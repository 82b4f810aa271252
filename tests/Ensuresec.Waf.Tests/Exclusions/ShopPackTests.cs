using Ensuresec.Waf.Exclusions;
using Ensuresec.Waf.Model;

namespace Ensuresec.Waf.Tests.Exclusions;

public sealed class ShopPackTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (shop, what, _) in ShopRequests.All()) data.Add(shop, what);
        return data;
    }

    private static HttpRequestData Find(string shop, string what) => ShopRequests.All().Single(r => r.Shop == shop && r.What == what).Request;

    [Theory]
    [MemberData(nameof(Cases))]
    public void ShopRequest_WithItsPack_RaisesNothing(string shop, string what)
    {
        var analyzer = new WafAnalyzer(new WafOptions { Exclusions = new ExclusionSet(ExclusionPacks.Load(shop)) });
        var v = analyzer.Analyze(Find(shop, what));
        v.Findings.ShouldBeEmpty(string.Join("; ", v.Findings.Select(f => $"{f.RuleId} {f.Part} {f.Name}: {f.Evidence}")));
    }

    [Fact]
    public void Packs_AreNeededForRichTextAdminFields()
    {
        // Without the packs, admin HTML (iframes, scripts in CMS pages) is what a WAF must flag: the packs are not empty gestures.
        Requests.Analyze(Find("magento", "product save")).Findings.ShouldNotBeEmpty();
        Requests.Analyze(Find("nopcommerce", "topic save")).Findings.ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData("woocommerce", "/?wc-ajax=checkout", "billing_email=x%27%20OR%20%271%27%3D%271")]
    [InlineData("magento", "/admin/cms/page/save/", "title=1%20UNION%20SELECT%20password%20FROM%20admin_user")]
    [InlineData("prestashop", "/index.php?controller=order", "address1=%3Cscript%3Ealert(1)%3C/script%3E")]
    [InlineData("nopcommerce", "/Admin/Product/Edit/1", "Name=..%2F..%2F..%2Fetc%2Fpasswd")]
    public void Pack_StillCatchesAttacksOutsideItsFields(string shop, string path, string body)
    {
        var analyzer = new WafAnalyzer(new WafOptions { Exclusions = new ExclusionSet(ExclusionPacks.Load(shop)) });
        analyzer.Analyze(Requests.Post(path, "application/x-www-form-urlencoded", body)).IsAttack.ShouldBeTrue();
    }
}
