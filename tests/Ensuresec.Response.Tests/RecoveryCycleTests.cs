using System.Net;
using System.Text.Json;
using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Response.Connectors;
using Ensuresec.Response.Execution;
using Ensuresec.Response.History;
using Ensuresec.Response.Library;
using Ensuresec.Response.Tests.Connectors;

namespace Ensuresec.Response.Tests;

/// <summary>
/// Every mitigation that changes something, through its whole cycle against a shop that keeps state: the action,
/// the check that its effect is in place, the recovery that undoes the attack's effects, the check that they are
/// gone; each run in the incident's history in that order.
/// </summary>
public sealed class RecoveryCycleTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ensuresec-cycle-").FullName;
    private readonly HttpListener _listener = new();
    private readonly string _base;
    private readonly HttpClient _http = new();
    private readonly ResponseHistory _history;
    private readonly Dictionary<string, string> _state = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();

    public RecoveryCycleTests()
    {
        _base = $"http://127.0.0.1:{LocalPorts.Free()}/shop/";
        _listener.Prefixes.Add(_base);
        _listener.Start();
        _history = ResponseHistory.Open(_dir);
        _ = Task.Run(Shop);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        _http.Dispose();
        _history.Dispose();
        _stop.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    // What each POST leaves the entity in; force-password-reset and notify change nothing a status shows.
    private static readonly Dictionary<string, string?> After = new(StringComparer.Ordinal)
    {
        ["accounts/lock"] = "locked", ["accounts/force-password-reset"] = null, ["accounts/restore"] = "clean",
        ["shipments/hold"] = "held", ["shipments/reship"] = "resolved", ["batches/quarantine"] = "quarantined", ["batches/replace"] = "replaced",
        ["cards/block-range"] = "blocked", ["cards/reissue"] = "replaced", ["atms/disable"] = "out-of-service", ["atms/enable"] = "in-service",
        ["employees/revoke-refund-right"] = "revoked", ["refunds/reverse"] = "reversed", ["couriers/suspend"] = "suspended", ["couriers/reship-claimed"] = "resolved",
    };

    /// <summary>The shop, bank or logistics system: POSTs change an entity's state, GET .../{id}/... answers it.</summary>
    private async Task Shop()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext ctx;
            try
            {
                ctx = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            string path = ctx.Request.Url!.AbsolutePath["/shop/".Length..];
            string answer;
            if (ctx.Request.HttpMethod == "POST" && After.TryGetValue(path, out string? status))
            {
                using var body = await JsonDocument.ParseAsync(ctx.Request.InputStream);
                string id = body.RootElement.EnumerateObject().First(p => p.Name != "incident").Value.GetString()!;
                if (status is not null) _state[id] = status;
                answer = "{\"status\":\"accepted\"}";
            }
            else
            {
                string id = Uri.UnescapeDataString(path.Split('/')[1]);
                answer = JsonSerializer.Serialize(new { status = _state.GetValueOrDefault(id, "untouched") });
            }

            ctx.Response.StatusCode = 200;
            await ctx.Response.OutputStream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(answer));
            ctx.Response.Close();
        }
    }

    private ResponseService Service()
    {
        var connectors = new ICommandConnector[]
        {
            new ManualConnector(),
            new DenyListConnector(new DenyListOptions { FilePath = Path.Combine(_dir, "deny.conf") }),
            new WebhookConnector(new WebhookOptions { AllowedUrls = [_base], Secret = "0123456789abcdef" }, _http, TimeProvider.System),
        };
        var executor = new PlaybookExecutor(connectors, ExecutionLimits.Default, TimeProvider.System, PlaybookLibrary.Default.ById);
        return new ResponseService(PlaybookLibrary.Default, executor, _history, AutoRunPolicy.Off, TimeProvider.System);
    }

    public static TheoryData<string, string, string, string> Families() => new()
    {
        { "block-address", "ES-AUTH-002", "source.ip", "198.51.100.4" },
        { "lock-account", "ES-ATO-001", "user.name", "carol" },
        { "hold-shipment", "ES-PAR-001", "shipment.id", "SH-1" },
        { "quarantine-batch", "ES-CCH-001", "batch.id", "LOT-42" },
        { "block-card-range", "ES-FRD-001", "payment.card.fingerprint", "fp-9" },
        { "disable-atm", "ES-ATM-001", "atm.id", "ATM-7" },
        { "revoke-refund-right", "ES-INS-001", "user.name", "bob" },
        { "suspend-courier", "ES-DLV-001", "user.name", "dave" },
    };

    [Theory]
    [MemberData(nameof(Families))]
    public async Task Mitigation_IsConfirmed_ThenRecovered_AndTheEffectIsGone(string mitigation, string rule, string kind, string value)
    {
        var incident = TestIncidents.Make("inc-" + mitigation, Severity.High, [new Entity(kind, value)], (rule, Severity.High));
        var service = Service();
        var suggestion = service.Suggest(incident).Where(m => m.EntryId == mitigation).ShouldHaveSingleItem();
        suggestion.Target.ShouldBe(new Entity(kind, value));

        var run = await service.AcceptAsync(incident, suggestion.Id, "cli", CancellationToken.None);
        run!.Succeeded.ShouldBeTrue(run.Error);
        run.EffectInPlace.ShouldBe(true);

        var recovered = await service.RecoverAsync(incident, suggestion.Id, "cli", CancellationToken.None);
        recovered!.Value.Recovery.Succeeded.ShouldBeTrue(recovered.Value.Recovery.Error);
        recovered.Value.Check!.EffectGone.ShouldBe(true, recovered.Value.Check.Error);

        var history = service.History(incident.Id);
        history.Select(r => r.Kind).ShouldBe([RunKind.Response, RunKind.Recovery, RunKind.Check]);
        history.ShouldAllBe(r => r.Succeeded && r.ExpectedEffect != null && r.ExpectedEffect.Length > 0);
    }

    [Fact]
    public async Task CheckWithoutTheRecovery_SeesTheEffectStill()
    {
        // The shop still reports the batch quarantined, not replaced: the recovery's check must say so.
        var incident = TestIncidents.Make("inc-q", Severity.High, [new Entity("batch.id", "LOT-1")], ("ES-CCH-001", Severity.High));
        var service = Service();
        var q = service.Suggest(incident).First(m => m.EntryId == "quarantine-batch");
        (await service.AcceptAsync(incident, q.Id, "cli", CancellationToken.None))!.EffectInPlace.ShouldBe(true);
        _state["LOT-1"] = "quarantined";
        After["batches/replace"] = null;
        try
        {
            var outcome = await service.RecoverAsync(incident, q.Id, "cli", CancellationToken.None);
            outcome!.Value.Check!.EffectGone.ShouldBe(false);
            outcome.Value.Check.Error!.ShouldContain("effect still present: check answered 'quarantined', expected 'replaced'");
        }
        finally
        {
            After["batches/replace"] = "replaced";
        }
    }

    [Fact]
    public void EveryMitigationThatChangesSomething_HasAVerifyARecoveryAndACheck_TheRestAreNamed()
    {
        var library = PlaybookLibrary.Default;
        foreach (var e in library.Entries.Where(e => e.Verify is not null))
        {
            e.VerifyPasses.ShouldNotBeNullOrEmpty(e.Id);
            e.Recovery.ShouldNotBeNull(e.Id);
            e.Check.ShouldNotBeNull(e.Id);
            e.CheckPasses.ShouldNotBeNullOrEmpty(e.Id);
            e.RecoveryPurpose.ShouldNotBeNullOrEmpty(e.Id);
            foreach (string pb in new[] { e.Playbook, e.Verify!, e.Recovery!, e.Check! }) library.Playbooks[pb].IsValid.ShouldBeTrue(pb);
            foreach (string check in new[] { e.Verify!, e.Check! })
                library.Playbook(check).Steps.Values.ShouldContain(s => s.OutArgs.Contains("__check__"), $"{check} must answer in __check__");
        }

        // Notices and triage change no state a system could report back; the connector's acceptance is their result.
        library.Entries.Where(e => e.Verify is null).Select(e => e.Id).ShouldBe(["notify-customers", "email-customers", "triage-incident"], ignoreOrder: true);
        Families().Select(row => (string)row[0]).ShouldBe(library.Entries.Where(e => e.Verify is not null).Select(e => e.Id), ignoreOrder: true);
    }
}
