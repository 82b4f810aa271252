using Ensuresec.Demo.Scenario;

namespace Ensuresec.Demo.Generation;

/// <summary>
/// The shop's benign traffic, one hour at a time: sessions shaped by hour of day and day of week, the flash
/// sale, two uptime monitors and two search-engine crawlers.
/// </summary>
internal sealed class BenignTraffic
{
    private const long Ms = TimeSpan.TicksPerMillisecond;
    private const long Hour = TimeSpan.TicksPerHour;

    // Sessions by hour of day (UTC, a European shop): night trough, lunch bump, evening peak.
    private static readonly double[] Hourly =
    [
        0.40, 0.25, 0.15, 0.10, 0.10, 0.15, 0.35, 0.70, 1.00, 1.20, 1.30, 1.35,
        1.40, 1.35, 1.30, 1.30, 1.35, 1.50, 1.75, 2.00, 2.10, 1.90, 1.40, 0.80,
    ];

    // By DayOfWeek (Sunday first): Sunday evening shopping, a quieter Friday and Saturday.
    private static readonly double[] Weekday = [1.15, 1.00, 0.97, 0.97, 1.00, 0.93, 0.90];

    private static readonly double HourlySum = Hourly.Sum();
    private static readonly double WeekdayMean = Weekday.Average();

    private readonly ScenarioOptions _options;
    private readonly CustomerBook _book;
    private readonly string[] _saleProducts;
    private readonly long _saleStart;
    private readonly long _saleEnd;
    private readonly double _saleMultiplier;

    public BenignTraffic(ScenarioOptions options, CustomerBook book, Random rng, DateTimeOffset saleStart, DateTimeOffset saleEnd, double saleMultiplier)
    {
        _options = options;
        _book = book;
        _saleStart = saleStart.UtcTicks;
        _saleEnd = saleEnd.UtcTicks;
        _saleMultiplier = saleMultiplier;
        _saleProducts = new string[20];
        for (int i = 0; i < _saleProducts.Length; i++) _saleProducts[i] = rng.Pick(Catalog.Products);
    }

    public static IReadOnlyList<string> MonitorAddresses { get; } = ["69.162.124.237", "178.255.152.2", "185.180.12.65"];

    public static IReadOnlyList<string> GooglebotAddresses { get; } = ["66.249.66.1", "66.249.66.33", "66.249.66.71"];

    public static IReadOnlyList<string> BingbotAddresses { get; } = ["157.55.39.12", "40.77.167.54"];

    public void EmitHour(long hourStart, Random rng, EventFactory f)
    {
        var when = new DateTimeOffset(hourStart, TimeSpan.Zero);
        double mean = _options.ScaledSessionsPerDay * (Weekday[(int)when.DayOfWeek] / WeekdayMean) * (Hourly[when.Hour] / HourlySum);
        var sessions = new SessionWriter(rng, f, _book, _saleProducts);
        int n = rng.Poisson(mean);
        for (int i = 0; i < n; i++)
        {
            long t = hourStart + (long)(rng.NextDouble() * Hour);
            sessions.Write(t, t >= _saleStart && t < _saleEnd);
        }

        long from = Math.Max(hourStart, _saleStart);
        long to = Math.Min(hourStart + Hour, _saleEnd);
        if (to > from)
        {
            int extra = rng.Poisson(mean * (_saleMultiplier - 1) * (to - from) / Hour);
            for (int i = 0; i < extra; i++) sessions.Write(from + (long)(rng.NextDouble() * (to - from)), sale: true);
        }

        Monitors(hourStart, rng, f);
        Crawl(hourStart, rng, f, Catalog.Googlebot, GooglebotAddresses, meanGapSeconds: 12);
        Crawl(hourStart, rng, f, Catalog.Bingbot, BingbotAddresses, meanGapSeconds: 25);
    }

    private static void Monitors(long hourStart, Random rng, EventFactory f)
    {
        for (int k = 0; k < 60; k++)
        {
            long t = hourStart + (k * TimeSpan.TicksPerMinute) + (17 * TimeSpan.TicksPerSecond) + (rng.Next(400) * Ms);
            f.Http(t, MonitorAddresses[0], Catalog.UptimeRobot, "GET", "/health", null, 200, 15);
        }

        for (int k = 0; k < 12; k++)
        {
            long t = hourStart + (k * 5 * TimeSpan.TicksPerMinute) + (41 * TimeSpan.TicksPerSecond) + (rng.Next(900) * Ms);
            f.Http(t, MonitorAddresses[1 + (k % 2)], Catalog.Pingdom, "GET", "/", null, 200, rng.Next(30_000, 60_000));
        }
    }

    private static void Crawl(long hourStart, Random rng, EventFactory f, string agent, IReadOnlyList<string> addresses, double meanGapSeconds)
    {
        int n = rng.Poisson(3600 / meanGapSeconds);
        for (int i = 0; i < n; i++)
        {
            long t = hourStart + (long)(rng.NextDouble() * Hour);
            string ip = rng.Pick(addresses);
            double r = rng.NextDouble();
            if (r < 0.03)
            {
                // Old links to products that are gone.
                f.Http(t, ip, agent, "GET", $"/product/discontinued-{rng.Pick(Catalog.Products)}", null, 404, 4_200);
            }
            else if (r < 0.04)
            {
                f.Http(t, ip, agent, "GET", "/c/" + rng.Pick(Catalog.Categories), null, 301, 0);
            }
            else if (r < 0.06)
            {
                f.Http(t, ip, agent, "GET", rng.Chance(0.5) ? "/robots.txt" : "/sitemap.xml", null, 200, rng.Next(500, 90_000));
            }
            else if (r < 0.3)
            {
                f.Http(t, ip, agent, "GET", "/category/" + rng.Pick(Catalog.Categories), $"page={rng.Next(1, 30)}", 200, rng.Next(50_000, 120_000));
            }
            else
            {
                f.Http(t, ip, agent, "GET", "/product/" + rng.Pick(Catalog.Products), null, 200, rng.Next(40_000, 90_000));
            }
        }
    }
}
