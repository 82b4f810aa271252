using System.Threading.RateLimiting;

namespace Ensuresec.Server.Security;

/// <summary>
/// Counts failed authentications per client. A client that used up its allowance is refused before its key is
/// hashed or looked up, so a flood of bad keys costs almost nothing.
/// </summary>
internal sealed class AuthFailureLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public AuthFailureLimiter(RateLimitOptions options) =>
        _limiter = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.AuthFailureBurst,
            TokensPerPeriod = Math.Max(1, options.AuthFailuresPerMinute / 60),
            ReplenishmentPeriod = options.AuthFailuresPerMinute >= 60 ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(60.0 / options.AuthFailuresPerMinute),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>True when the client has no failures left to spend.</summary>
    public bool IsBlocked(string client)
    {
        // Not AttemptAcquire(client, 0): partitioned token buckets refill continuously, and a zero-permit probe
        // succeeds on any fraction of a token, so a client was never blocked once the refill timer had run.
        // The statistics count whole permits only.
        var stats = _limiter.GetStatistics(client);
        return stats is not null && stats.CurrentAvailablePermits < 1;
    }

    public void RecordFailure(string client)
    {
        using var lease = _limiter.AttemptAcquire(client, 1);
    }

    public void Dispose() => _limiter.Dispose();
}
