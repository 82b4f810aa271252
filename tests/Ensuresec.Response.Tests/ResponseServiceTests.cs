using System.Net;
using Ensuresec.Core.Events;
using Ensuresec.Response.Connectors;
using Ensuresec.Response.Execution;
using Ensuresec.Response.History;
using Ensuresec.Response.Library;
using Ensuresec.Response.Tests.Connectors;

namespace Ensuresec.Response.Tests;

public sealed class ResponseServiceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ensuresec-response-").FullName;
    private readonly HttpListener _listener = new();
    private readonly string _base;
    private readonly HttpClient _http = new();
    private readonly ResponseHistory _history;

    public ResponseServiceTests()
    {
        _base = $"http://127.0.0.1:{LocalPorts.Free()}/shop/";
        _listener.Prefixes.Add(_base);
        _listener.Start();
        _history = ResponseHistory.Open(_dir);
    }

    public void Dispose()
    {
        _listener.Close();
        _http.Dispose();
        _history.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private string DenyFile => Path.Combine(_dir, "deny.conf");

    private ResponseService Service(AutoRunPolicy? policy = null)
    {
        var connectors = new ICommandConnector[]
        {
            new ManualConnector(),
            new DenyListConnector(new DenyListOptions { FilePath = DenyFile }),
            new WebhookConnector(new WebhookOptions { AllowedUrls = [_base], Secret = "0123456789abcdef" }, _http, TimeProvider.System),
        };
        var executor = new PlaybookExecutor(connectors, ExecutionLimits.Default, TimeProvider.System, PlaybookLibrary.Default.ById);
        return new ResponseService(PlaybookLibrary.Default, executor, _history, policy ?? AutoRunPolicy.Off, TimeProvider.System);
    }

    /// <summary>Answers each webhook with the given bodies in turn and records the paths called.</summary>
    private Task<List<string>> Serve(params string[] answers) => Task.Run(async () =>
    {
        var paths = new List<string>();
        foreach (string answer in answers)
        {
            var ctx = await _listener.GetContextAsync();
            paths.Add(ctx.Request.HttpMethod + " " + ctx.Request.Url!.AbsolutePath);
            ctx.Response.StatusCode = 200;
            await ctx.Response.OutputStream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(answer));
            ctx.Response.Close();
        }

        return paths;
    });

    [Fact]
    public async Task Accept_BlockAddress_WritesTheDenyListAndRecordsTheRun()
    {
        var incident = TestIncidents.Stuffing();
        var service = Service();
        var block = service.Suggest(incident).First(m => m.EntryId == "block-address");
        var run = await service.AcceptAsync(incident, block.Id, "analyst:alice-key", CancellationToken.None);
        run.ShouldNotBeNull();
        run.Succeeded.ShouldBeTrue(run.Error);
        File.ReadAllText(DenyFile).ShouldContain("deny 203.0.113.7;");
        var history = service.History(incident.Id).ShouldHaveSingleItem();
        history.StartedBy.ShouldBe("analyst:alice-key");
        // The block, then the check that confirms it: the list now denies the address.
        history.Steps.Count.ShouldBe(2);
        history.Steps[0].Detail.ShouldContain("deny 203.0.113.7");
        history.Steps[1].Detail.ShouldBe("203.0.113.7 is denied");
        history.EffectInPlace.ShouldBe(true);
        history.ExpectedEffect!.ShouldContain("nginx answers 403");
    }

    [Fact]
    public async Task Accept_UnknownMitigation_ReturnsNullAndRecordsNothing()
    {
        var incident = TestIncidents.Stuffing();
        (await Service().AcceptAsync(incident, "mit-0000000000000000", "cli", CancellationToken.None)).ShouldBeNull();
        _history.ForIncident(incident.Id).ShouldBeEmpty();
    }

    [Fact]
    public async Task Accept_LockAccount_CallsTheShopTwice()
    {
        var incident = TestIncidents.Stuffing();
        var service = Service();
        var served = Serve("{\"status\":\"locked\"}", "{\"status\":\"reset-required\"}", "{\"status\":\"locked\"}");
        var run = await service.AcceptAsync(incident, service.Suggest(incident).First(m => m.EntryId == "lock-account").Id, "cli", CancellationToken.None);
        (await served).ShouldBe(["POST /shop/accounts/lock", "POST /shop/accounts/force-password-reset", "GET /shop/accounts/alice/status"]);
        run!.Succeeded.ShouldBeTrue(run.Error);
        run.Steps.Count.ShouldBe(3);
        run.EffectInPlace.ShouldBe(true);
        _history.ForIncident(incident.Id).ShouldHaveSingleItem().EffectInPlace.ShouldBe(true);
    }

    [Fact]
    public async Task Accept_WhenTheShopSaysTheAccountIsStillActive_TheRunFailsWithTheUnconfirmedEffect()
    {
        var incident = TestIncidents.Stuffing();
        var service = Service();
        var recorded = new List<RunRecord>();
        service.Recorded = recorded.Add;
        var served = Serve("{\"status\":\"locked\"}", "{\"status\":\"reset-required\"}", "{\"status\":\"active\"}");
        var run = await service.AcceptAsync(incident, service.Suggest(incident).First(m => m.EntryId == "lock-account").Id, "cli", CancellationToken.None);
        await served;
        run!.Succeeded.ShouldBeFalse();
        run.EffectInPlace.ShouldBe(false);
        run.Error.ShouldBe("expected effect not confirmed: verify-account-lock answered 'active', expected 'locked'");
        // What the ledger receives (the server appends each recorded run) carries the same verdict.
        string json = ResponseJson.ToText(w => ResponseJson.WriteRun(w, recorded.ShouldHaveSingleItem()), indented: false);
        json.ShouldContain("\"effect_in_place\":false");
        json.ShouldContain("\"expected_effect\":");
        var stored = _history.ForIncident(incident.Id).ShouldHaveSingleItem();
        stored.EffectInPlace.ShouldBe(false);
        stored.Error.ShouldBe(run.Error);
    }

    [Fact]
    public async Task AutoRespond_RunsOnlyWhatThePolicyAndLibraryAllow_Once()
    {
        var incident = TestIncidents.Stuffing(severity: Severity.Critical);
        var service = Service(new AutoRunPolicy(["block-address", "lock-account"], Severity.High));
        var runs = await service.AutoRespondAsync(incident, CancellationToken.None);
        // lock-account is listed by the policy but the library does not allow it without an analyst.
        runs.ShouldHaveSingleItem().Playbook.ShouldBe("block-address");
        runs[0].StartedBy.ShouldBe("policy");
        (await service.AutoRespondAsync(incident, CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AutoRespond_BelowMinimumSeverity_RunsNothing()
    {
        var incident = TestIncidents.Stuffing(severity: Severity.Medium);
        var runs = await Service(new AutoRunPolicy(["block-address"], Severity.High)).AutoRespondAsync(incident, CancellationToken.None);
        runs.ShouldBeEmpty();
        File.Exists(DenyFile).ShouldBeFalse();
    }

    [Fact]
    public async Task Recover_AccountTakeover_RestoresThenChecksTheEffectIsGone()
    {
        var incident = TestIncidents.Stuffing();
        var service = Service();
        string id = service.Suggest(incident).First(m => m.EntryId == "lock-account").Id;
        var served = Serve("{\"status\":\"restored\"}", "{\"status\":\"clean\"}");
        var outcome = await service.RecoverAsync(incident, id, "cli", CancellationToken.None);
        (await served).ShouldBe(["POST /shop/accounts/restore", "GET /shop/accounts/alice/compromise-status"]);
        outcome.ShouldNotBeNull();
        outcome.Value.Recovery.Succeeded.ShouldBeTrue(outcome.Value.Recovery.Error);
        outcome.Value.Check!.EffectGone.ShouldBe(true);
        service.History(incident.Id).Select(r => r.Kind).ShouldBe([RunKind.Recovery, RunKind.Check]);
    }

    [Fact]
    public async Task Recover_WhenTheCheckStillSeesTheEffect_RecordsAFailedCheck()
    {
        var incident = TestIncidents.Stuffing();
        var service = Service();
        string id = service.Suggest(incident).First(m => m.EntryId == "lock-account").Id;
        var served = Serve("{\"status\":\"restored\"}", "{\"status\":\"compromised\"}");
        var outcome = await service.RecoverAsync(incident, id, "cli", CancellationToken.None);
        await served;
        var check = outcome!.Value.Check!;
        check.EffectGone.ShouldBe(false);
        check.Succeeded.ShouldBeFalse();
        check.Error!.ShouldContain("effect still present");
        _history.ForIncident(incident.Id).Last().EffectGone.ShouldBe(false);
    }

    [Fact]
    public async Task Recover_AddressBlock_LiftsItAndChecksTheListAgain()
    {
        var incident = TestIncidents.Stuffing();
        var service = Service();
        var block = service.Suggest(incident).First(m => m.EntryId == "block-address");
        (await service.AcceptAsync(incident, block.Id, "cli", CancellationToken.None))!.EffectInPlace.ShouldBe(true);
        var outcome = await service.RecoverAsync(incident, block.Id, "cli", CancellationToken.None);
        outcome!.Value.Check!.EffectGone.ShouldBe(true);
        File.ReadAllText(DenyFile).ShouldNotContain("203.0.113.7");
    }

    [Fact]
    public void History_SurvivesReopening()
    {
        var run = new RunRecord
        {
            RunId = "run-1", IncidentId = "inc-9", MitigationId = "mit-1", Playbook = "triage-incident", Kind = RunKind.Response, StartedBy = "cli",
            Started = DateTimeOffset.UnixEpoch, Finished = DateTimeOffset.UnixEpoch, Succeeded = true,
            Steps = [new StepResult("action--1", "Triage", "manual", StepStatus.Manual, "for an analyst: it's <b>bold</b> 'quoted'", DateTimeOffset.UnixEpoch)],
        };
        _history.Add(run);
        using var reopened = ResponseHistory.Open(_dir);
        var back = reopened.ForIncident("inc-9").ShouldHaveSingleItem();
        back.Steps.ShouldHaveSingleItem().Detail.ShouldBe("for an analyst: it's <b>bold</b> 'quoted'");
    }
}
