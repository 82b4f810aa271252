using FsCheck;
using FsCheck.Fluent;
using Ensuresec.Detection.Accounts;

namespace Ensuresec.Tests.Detection.Abuse;

public sealed class AbuseHelpersTests
{
    private static readonly HashSet<string> Disposable = new(SignupEmail.KnownDisposable, StringComparer.Ordinal);

    [Fact]
    public void Parse_PlusTagAndGmailDots_ReachTheSameMailbox()
    {
        SignupEmail.Parse("J.Doe+shop1@Gmail.com", Disposable)!.Mailbox.ShouldBe("jdoe@gmail.com");
        SignupEmail.Parse("jdoe@gmail.com", Disposable)!.Mailbox.ShouldBe("jdoe@gmail.com");
        SignupEmail.Parse("j.doe+x@outlook.com", Disposable)!.Mailbox.ShouldBe("j.doe@outlook.com");
        SignupEmail.Parse("j.doe+x@outlook.com", Disposable)!.PlusAddressed.ShouldBeTrue();
    }

    [Theory]
    [InlineData("bot@mailinator.com", true)]
    [InlineData("bot@eu.mailinator.com", true)]
    [InlineData("anna@gmail.com", false)]
    [InlineData("anna@notmailinator.com", false)]
    public void Parse_ThrowAwayDomains_AndTheirSubdomains(string address, bool disposable) =>
        SignupEmail.Parse(address, Disposable)!.Disposable.ShouldBe(disposable);

    [Theory]
    [InlineData("shopper017@x.com", "shopper")]
    [InlineData("anna.smith1987@x.com", "anna.smith")]
    [InlineData("annasmith@x.com", null)]
    [InlineData("ab12@x.com", null)]
    public void Parse_NumberedLocalParts_GiveTheirStem(string address, string? stem) => SignupEmail.Parse(address, Disposable)!.Stem.ShouldBe(stem);

    [Theory]
    [InlineData("x7k2m9q4@x.com", true)]
    [InlineData("qwrtzpkl@x.com", true)]
    [InlineData("annasmith1987@x.com", false)]
    [InlineData("fschmidt@x.com", false)]
    public void Parse_MachineMadeLocalParts(string address, bool random) => SignupEmail.Parse(address, Disposable)!.RandomLooking.ShouldBe(random);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no-at-sign")]
    [InlineData("@domain.com")]
    [InlineData("local@")]
    public void Parse_NotAnAddress_IsNull(string? address) => SignupEmail.Parse(address, Disposable).ShouldBeNull();

    [Fact]
    public void Parse_OverlongAddress_IsNull() => SignupEmail.Parse(new string('a', 300) + "@x.com", Disposable).ShouldBeNull();

    [Fact]
    public void Surprise_MatchesTheDirectPoissonTail()
    {
        // P(X >= 5 | 0.5) = 1 - sum_{k<5} e^-0.5 0.5^k / k!
        double p = 1 - Enumerable.Range(0, 5).Sum(k => Math.Exp(-0.5) * Math.Pow(0.5, k) / Enumerable.Range(1, k).Aggregate(1.0, (a, b) => a * b));
        Poisson.Surprise(5, 0.5).ShouldBe(-Math.Log10(p), 1e-6);
        Poisson.Surprise(3, 5).ShouldBe(0);
        Poisson.Surprise(5, 0).ShouldBe(Poisson.MaxSurprise);
        Poisson.Surprise(100_000, 1e-9).ShouldBe(Poisson.MaxSurprise);
    }

    [Fact]
    public void Surprise_GrowsWithTheCount()
    {
        Prop.ForAll<byte, byte>((a, b) =>
        {
            int lo = Math.Min(a, b) + 1, hi = Math.Max(a, b) + 1;
            return Poisson.Surprise(hi, 0.7) >= Poisson.Surprise(lo, 0.7);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void BoundedMap_Full_ForgetsTheLeastRecentlyTouched()
    {
        var map = new BoundedMap<string>(2);
        var t = DateTimeOffset.UnixEpoch;
        map.Touch("a", t, () => "A");
        map.Touch("b", t.AddSeconds(1), () => "B");
        map.Touch("a", t.AddSeconds(2), () => "A2");
        map.Touch("c", t.AddSeconds(3), () => "C");

        map.Count.ShouldBe(2);
        map.Find("b").ShouldBeNull();
        map.Find("a").ShouldBe("A");
        map.Evicted.ShouldBe(1);
        map.ForgetIdle(t.AddSeconds(3));
        map.Find("a").ShouldBeNull();
        map.Find("c").ShouldBe("C");
    }

    [Fact]
    public void BoundedMap_NeverExceedsItsCapacity()
    {
        Prop.ForAll<string[]>(keys =>
        {
            var map = new BoundedMap<object>(5);
            foreach (var k in keys.Where(k => k is not null)) map.Touch(k, DateTimeOffset.UnixEpoch, () => new object());
            return map.Count <= 5;
        }).QuickCheckThrowOnFailure();
    }
}
