using Ensuresec.Core.Events;
using Ensuresec.Demo.Scenario;

namespace Ensuresec.Demo.Generation.Attacks;

/// <summary>
/// An attack planned up front as compact steps (so its ground truth is exact) and turned into events one
/// time chunk at a time (so a week of events is never held at once).
/// </summary>
internal sealed class AttackPlan
{
    private const long Ms = TimeSpan.TicksPerMillisecond;
    private readonly AttackStep[] _steps;

    public AttackPlan(AttackStep[] steps, Func<int, DateTimeOffset, DateTimeOffset, AttackTruth> truth)
    {
        if (steps.Length == 0) throw new ArgumentException("an attack has at least one step", nameof(steps));
        Array.Sort(steps, static (a, b) => a.Ticks.CompareTo(b.Ticks));
        _steps = steps;
        int events = 0;
        foreach (var s in steps) events += s.EventCount;
        Truth = truth(events, new DateTimeOffset(steps[0].Ticks, TimeSpan.Zero), new DateTimeOffset(steps[^1].Ticks + (300 * Ms), TimeSpan.Zero));
    }

    public AttackTruth Truth { get; }

    /// <summary>Makes the events of the steps in [from, to).</summary>
    public void Emit(long from, long to, EventFactory f)
    {
        int lo = 0, hi = _steps.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_steps[mid].Ticks < from) lo = mid + 1;
            else hi = mid;
        }

        for (int i = lo; i < _steps.Length && _steps[i].Ticks < to; i++) Write(_steps[i], f);
    }

    private static void Write(in AttackStep s, EventFactory f)
    {
        long t = s.Ticks;
        switch (s.Kind)
        {
            case StepKind.Request:
                f.Http(t, s.Ip, s.Agent, "GET", s.Path!, s.Query, s.Status, s.Status == 200 ? 40_000 + (t % 30_000) : 4_200);
                break;
            case StepKind.Login:
                f.Http(t, s.Ip, s.Agent, "POST", "/account/login", null, s.Success ? 302 : 200, s.Success ? 0 : 9_000);
                f.App(t + (5 * Ms), EventActions.Login, s.Success, s.Ip, s.Agent, s.User, reason: s.Detail, fields: s.Fields);
                break;
            case StepKind.EmailChange:
                f.Http(t, s.Ip, s.Agent, "POST", "/account/email", null, 302, 0);
                f.App(t + (5 * Ms), EventActions.EmailChange, true, s.Ip, s.Agent, s.User, s.Detail);
                break;
            case StepKind.AddressChange:
                f.Http(t, s.Ip, s.Agent, "POST", "/account/addresses", null, 302, 0);
                f.App(t + (5 * Ms), EventActions.AddressChange, true, s.Ip, s.Agent, s.User);
                break;
            case StepKind.AccountCreate:
                f.Http(t, s.Ip, s.Agent, "POST", "/account/register", null, 302, 0);
                f.App(t + (5 * Ms), EventActions.AccountCreate, true, s.Ip, s.Agent, s.User, s.Detail, fields: s.Fields);
                break;
            case StepKind.Order:
                f.Http(t, s.Ip, s.Agent, "POST", "/checkout/address", null, 302, 0);
                f.Order(t + (5 * Ms), s.Ip, s.Agent, s.User, s.Amount);
                break;
            case StepKind.Payment:
                f.Http(t, s.Ip, s.Agent, "POST", "/checkout/payment", null, 200, 800);
                f.Payment(t + (300 * Ms), s.Ip, s.Agent, s.User, s.Amount, s.Card!, s.Success, s.Fields);
                break;
            case StepKind.PromotionRedeem:
                f.Http(t, s.Ip, s.Agent, "POST", "/checkout/promotion", null, s.Success ? 200 : 422, 600);
                f.App(t + (5 * Ms), EventActions.PromotionRedeem, s.Success, s.Ip, s.Agent, s.User, reason: s.Success ? null : "unknown code", fields: s.Fields, card: s.Card);
                break;
            case StepKind.Refund:
                f.Refund(t, s.User!, s.Fields!);
                break;
            default:
                throw new InvalidOperationException($"unknown step {s.Kind}");
        }
    }
}
