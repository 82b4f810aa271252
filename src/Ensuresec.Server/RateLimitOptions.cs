namespace Ensuresec.Server;

/// <summary>Per-client (remote address) limits; a client over a limit gets 429.</summary>
public sealed record RateLimitOptions
{
    /// <summary>Failed authentications a client may make in a burst before it is refused without checking its key.</summary>
    public int AuthFailureBurst { get; init; } = 20;

    /// <summary>Failed authentications per minute refilled to a client's allowance.</summary>
    public int AuthFailuresPerMinute { get; init; } = 60;

    /// <summary>Requests per second per client, all endpoints; 0 turns this limit off.</summary>
    public int RequestsPerSecond { get; init; } = 1_000;

    /// <summary>Requests a client may burst above <see cref="RequestsPerSecond"/>.</summary>
    public int RequestBurst { get; init; } = 2_000;

    public void Validate()
    {
        if (AuthFailureBurst < 1) throw new ArgumentOutOfRangeException(nameof(AuthFailureBurst), AuthFailureBurst, "at least 1");
        if (AuthFailuresPerMinute < 1) throw new ArgumentOutOfRangeException(nameof(AuthFailuresPerMinute), AuthFailuresPerMinute, "at least 1");
        if (RequestsPerSecond < 0) throw new ArgumentOutOfRangeException(nameof(RequestsPerSecond), RequestsPerSecond, "not negative");
        if (RequestsPerSecond > 0 && RequestBurst < 1) throw new ArgumentOutOfRangeException(nameof(RequestBurst), RequestBurst, "at least 1");
    }
}
