namespace Ensuresec.Workflows.Checking;

/// <summary>Bounds of one check: the search stops and reports instead of exhausting memory or time.</summary>
internal sealed record CheckLimits
{
    /// <summary>Most system states stored (and most product states per liveness search).</summary>
    public int MaxStates { get; init; } = 2_000_000;

    /// <summary>Longest the whole check may run.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromMinutes(5);

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
