using System.Diagnostics;
using System.Text.Json;
using Ensuresec.Detection.Lookalike;
using Ensuresec.Tests.Support;

namespace Ensuresec.Physical.Tests.Lookalike;

public class LookalikeMatcherTests
{
    private static readonly Lazy<DnstwistTables> Tables = new(() => DnstwistTables.Load(SharedData.PathOf("dnstwist/fuzz_tables.json")));
    private static readonly Lazy<ConfusableSkeleton> Skeleton = new(() => ConfusableSkeleton.Load(SharedData.PathOf("unicode-confusables/confusables.txt")));

    private static LookalikeMatcher Matcher(params string[] brands) => new(brands, Tables.Value, Skeleton.Value);

    // dnstwist's own fuzzers, in its order of precedence: a domain two fuzzers make is credited to the first.
    private static readonly string[] Fuzzers =
        ["addition", "bitsquatting", "cyrillic", "homoglyph", "hyphenation", "insertion", "omission", "plural", "repetition", "replacement", "subdomain", "transposition", "vowel-swap", "dictionary", "tld-swap", "various"];

    [Fact]
    public void EveryDnstwistPermutation_IsFlagged_MostlyByTheSameFuzzer()
    {
        const string brand = "ensureshop.com";
        var permutations = Dnstwist(brand);
        permutations.Count.ShouldBeGreaterThan(7_000);
        permutations.Values.ShouldContain("tld-swap");
        permutations.Values.ShouldContain("dictionary");
        var matcher = new LookalikeMatcher([brand], Tables.Value, Skeleton.Value, dictionary: Words());
        var missed = new List<string>();
        int sameTechnique = 0;
        foreach (var (domain, fuzzer) in permutations)
        {
            var m = matcher.Match(domain);
            if (m is null) missed.Add($"{domain} ({fuzzer})");
            else
            {
                m.Brand.ShouldBe(brand);
                if (m.Technique == fuzzer) sameTechnique++;
            }
        }

        missed.ShouldBeEmpty($"{missed.Count} of {permutations.Count} not flagged: {string.Join(", ", missed.Take(20))}");
        // Where two fuzzers explain one name (a vowel that is also a keyboard neighbour) the names may differ.
        ((double)sameTechnique / permutations.Count).ShouldBeGreaterThan(0.97);
    }

    [Fact]
    public void UnrelatedRealDomains_AreNotFlagged()
    {
        string[] real =
        [
            "google.com", "amazon.de", "amazon.com", "ebay.de", "otto.de", "zalando.de", "wikipedia.org", "github.com", "paypal.com",
            "stripe.com", "adyen.com", "klarna.com", "shopify.com", "apple.com", "microsoft.com", "cloudflare.com", "bing.com",
            "duckduckgo.com", "facebook.com", "instagram.com", "t.co", "youtube.com", "linkedin.com", "reddit.com", "dhl.de",
            "hermesworld.com", "dpd.de", "ups.com", "fedex.com", "docmorris.de", "shop-apotheke.com", "apotheken.de", "sparkasse.de",
            "commerzbank.de", "n26.com", "ing.de", "mastercard.com", "visa.com", "ensuresec.org", "nordsee.com", "apotheke.at",
            "shop.example", "example.com", "insure.com", "ensure.com", "measureshop.com", "treasureshop.de", "nord-apotheke.de",
            "xn--mnchen-3ya.de", "bücher.de", "mail.google.com", "news.ycombinator.com",
        ];
        var matcher = Matcher("ensureshop.com", "apotheke-nord.de");
        string.Join(", ", real.Select(d => matcher.Match(d)).Where(m => m is not null).Select(m => $"{m!.Domain} ({m.Technique})")).ShouldBeEmpty();
    }

    [Fact]
    public void TheBrandItsSubdomainsAndItsPunycodeForm_AreNeverFindings()
    {
        var matcher = Matcher("ensureshop.com", "bücher.de");
        matcher.Match("ensureshop.com").ShouldBeNull();
        matcher.Match("WWW.EnsureShop.com.").ShouldBeNull();
        matcher.Match("xn--bcher-kva.de").ShouldBeNull();
        matcher.Match("login.xn--bcher-kva.de").ShouldBeNull();
    }

    [Theory]
    [InlineData("ensureshop.net", "tld-swap")]
    [InlineData("ensureshop-login.com", "dictionary")]
    [InlineData("ensureshop.com.secure-check.net", "subdomain")]
    [InlineData("ĕnsureshop.com", "homoglyph")]
    [InlineData("еnsurеshop.com", "cyrillic")]                   // Cyrillic е twice
    [InlineData("ensureshoр.com", "cyrillic")]                   // Cyrillic р, given decoded
    [InlineData("ensuresh0p.com", "homoglyph")]
    [InlineData("ensurcshop.com", "homoglyph")]
    [InlineData("ensureshoq.com", "bitsquatting")]
    public void Findings_NameTheTechnique_AlsoInPunycode(string domain, string technique)
    {
        var m = Matcher("ensureshop.com").Match(domain).ShouldNotBeNull();
        Matcher("ensureshop.com").Match(new System.Globalization.IdnMapping().GetAscii(domain)).ShouldBe(m);
        m.Technique.ShouldBe(technique);
        m.Brand.ShouldBe("ensureshop.com");
        m.Evidence.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void ConfusableSkeleton_MatchesTheReferenceExamples_AndFindsWhatTheTablesMiss()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(SharedData.PathOf("unicode-confusables/skeleton_examples.json")));
        int n = 0;
        foreach (var ex in doc.RootElement.GetProperty("examples").EnumerateArray())
        {
            Skeleton.Value.Of(ex.GetProperty("input").GetString()!).ShouldBe(ex.GetProperty("skeleton").GetString(), ex.GetProperty("input").GetString());
            n++;
        }

        n.ShouldBeGreaterThanOrEqualTo(10);
        // U+0261 LATIN SMALL LETTER SCRIPT G and U+0585 ARMENIAN SMALL LETTER OH are in confusables.txt, not in dnstwist's tables for these letters.
        var m = new LookalikeMatcher(["google.com"], null, Skeleton.Value).Match("ɡօօgle.com").ShouldNotBeNull();
        m.Technique.ShouldBe("confusable");
        m.Evidence.ShouldContain("skeleton");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("localhost")]
    [InlineData("192.168.1.10")]
    [InlineData("[::1]")]
    [InlineData("xn--zzzz-.com")]
    [InlineData("xn--.com")]
    [InlineData("a..b.com")]
    [InlineData("ensure shop.com")]
    public void HostileOrBrokenHosts_AreNotMatched_AndDoNotThrow(string host)
    {
        Matcher("ensureshop.com").Match(host).ShouldBeNull();
    }

    [Fact]
    public void OversizedHostsAndUrls_AreRefused()
    {
        var matcher = Matcher("ensureshop.com");
        matcher.Match(new string('a', 250) + ".ensureshop.net").ShouldBeNull();
        matcher.Match(string.Concat(Enumerable.Repeat("ensureshop.", 30)) + "net").ShouldBeNull();
        DomainNames.HostOf("https://" + new string('e', 5000) + ".com/").ShouldBeNull();
        DomainNames.HostOf("https://ensureshop.net:8443/login?next=/").ShouldBe("ensureshop.net");
        DomainNames.HostOf("http://[::1]/x").ShouldBeNull();
    }

    [Fact]
    public void BrokenDataFiles_AreRefusedNamingTheFileAndLine()
    {
        string dir = Directory.CreateTempSubdirectory("lka-").FullName;
        try
        {
            string conf = Path.Combine(dir, "confusables.txt");
            File.WriteAllText(conf, "# header\n0030 ;\t004F ;\tMA\t# ok\nZZZZ ; 0041 ; MA\n");
            Should.Throw<InvalidDataException>(() => ConfusableSkeleton.Load(conf)).Message.ShouldBe($"{conf}:3: expected 'source ; target code points ; type'");
            File.WriteAllText(conf, "110000 ; 0041 ; MA\n");
            Should.Throw<InvalidDataException>(() => ConfusableSkeleton.Load(conf)).Message.ShouldContain(":1:");
            File.WriteAllText(conf, "# nothing\n");
            Should.Throw<InvalidDataException>(() => ConfusableSkeleton.Load(conf)).Message.ShouldBe($"{conf}: no mappings");

            string tables = Path.Combine(dir, "tables.json");
            File.WriteAllText(tables, "{\"glyphs_ascii\": {\"a\": [\"4\"]}, \"glyphs_unicode\": {}, \"latin_to_cyrillic\": {\"a\": ");
            Should.Throw<InvalidDataException>(() => DnstwistTables.Load(tables)).Message.ShouldStartWith($"{tables}: not JSON");
            File.WriteAllText(tables, "{\"glyphs_ascii\": {\"a\": [4]}, \"glyphs_unicode\": {}, \"latin_to_cyrillic\": {}}");
            Should.Throw<InvalidDataException>(() => DnstwistTables.Load(tables)).Message.ShouldBe($"{tables}: glyphs_ascii.a: must be an array of strings");
            File.WriteAllText(tables, "{\"glyphs_ascii\": {}, \"glyphs_unicode\": {}}");
            Should.Throw<InvalidDataException>(() => DnstwistTables.Load(tables)).Message.ShouldBe($"{tables}: latin_to_cyrillic: missing or not an object");
            File.WriteAllText(tables, new string('[', 10_000) + new string(']', 10_000));
            Should.Throw<InvalidDataException>(() => DnstwistTables.Load(tables)).Message.ShouldStartWith($"{tables}: not JSON");
            Should.Throw<InvalidDataException>(() => DnstwistTables.Load(Path.Combine(dir, "absent.json"))).Message.ShouldEndWith("absent.json: not found");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Options_NameTheBadBrandAndTheMissingFile()
    {
        var errors = LookalikeDomains.Validate(new LookalikeDomainOptions { BrandDomains = ["shop example", "ok.example"], Confusables = "/nonexistent/confusables.txt" });
        errors.Select(e => e.ToString()).ShouldBe(["BrandDomains: 'shop example' is not a domain name", "Confusables: /nonexistent/confusables.txt: not found"]);
        LookalikeDomains.Create(new LookalikeDomainOptions()).ShouldBeNull();
    }

    private static IReadOnlyList<string> Words() => File.ReadAllLines(SharedData.PathOf("dnstwist/dictionaries/english.dict"));

    /// <summary>dnstwist's permutations of the brand, each with the first fuzzer that makes it (one run per fuzzer, in parallel; --format list resolves nothing).</summary>
    private static Dictionary<string, string> Dnstwist(string brand)
    {
        var runs = Fuzzers.AsParallel().AsOrdered().WithDegreeOfParallelism(4).Select(fuzzer =>
        {
            string extra = fuzzer switch
            {
                "dictionary" => "--dictionary dnstwist/dictionaries/english.dict ",
                "tld-swap" => "--tld dnstwist/dictionaries/common_tlds.dict ",
                _ => "",
            };
            var psi = new ProcessStartInfo("dnstwist", $"--format list --fuzzers {fuzzer} {extra}{brand}")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = SharedData.Root,
            };
            using var p = Process.Start(psi) ?? throw new InvalidOperationException("dnstwist did not start (tests/deps/physical.sh installs it)");
            var stdout = p.StandardOutput.ReadToEndAsync();
            string stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            // A fuzzer that makes nothing for this brand (plural, cyrillic for some names) exits 2 saying so.
            if (p.ExitCode != 0 && !stderr.Contains("do not generate any permutations", StringComparison.Ordinal)) throw new InvalidOperationException($"dnstwist {fuzzer}: {stderr}");
            return (fuzzer, Domains: stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }).ToList();
        var first = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (fuzzer, domains) in runs)
        {
            foreach (string d in domains) if (d != brand) first.TryAdd(d, fuzzer);
        }

        return first;
    }
}
