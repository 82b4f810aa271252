using Ensuresec.Core.Events;

namespace Ensuresec.Detection.Common;

/// <summary>
/// Stops finding storms: once a key fired a rule, it fires again only after the cool-down, or earlier
/// when the finding got worse (a higher severity, or a magnitude grown by the escalation factor).
/// </summary>
internal struct RuleGate
{
    private DateTimeOffset _lastFired;
    private Severity _lastSeverity;
    private double _lastMagnitude;

    /// <summary>How many times this key fired this rule; part of the finding id so re-firings get new ids.</summary>
    public int Firings { get; private set; }

    public readonly bool IsQuiet(DateTimeOffset now, TimeSpan coolDown) => Firings == 0 || now - _lastFired >= coolDown;

    /// <summary>True if a finding of this severity and magnitude may be raised now; records it if so.</summary>
    public bool TryFire(DateTimeOffset now, Severity severity, double magnitude, TimeSpan coolDown, double escalationFactor)
    {
        bool allowed = Firings == 0
            || now - _lastFired >= coolDown
            || severity > _lastSeverity
            || (escalationFactor > 1 && magnitude >= _lastMagnitude * escalationFactor);
        if (!allowed) return false;
        _lastFired = now;
        _lastSeverity = severity;
        _lastMagnitude = magnitude;
        Firings++;
        return true;
    }
}
