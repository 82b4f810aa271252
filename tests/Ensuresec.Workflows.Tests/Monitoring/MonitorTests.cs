using System.Text.Json.Nodes;
using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Pipeline;
using Ensuresec.Detection;
using Ensuresec.Workflows.Monitoring;

namespace Ensuresec.Workflows.Tests.Monitoring;

public sealed class MonitorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private int _id;

    [Fact]
    public async Task ShipBeforeCapture_RaisesViolationWithTrace()
    {
        var findings = await RunAsync(
            Event(0, "order-create", ("order.id", "o-1")),
            Event(1, "payment-authorise", ("order.id", "o-1"), ("payment.amount", 25m), ("event.outcome", "success")),
            Event(60, "shipment-scan", ("order.id", "o-1"), ("shipment.status", "picked-up")));

        var f = findings.Single();
        f.RuleId.ShouldBe(WorkflowMonitorDetector.ViolationRule);
        f.Detector.ShouldBe("workflow-monitor");
        f.Severity.ShouldBe(Severity.High);
        f.Explanation.ShouldContain("property ship_after_capture");
        f.Explanation.ShouldContain("trace: order-create e1; payment-authorise e2 -> Payment.authorise(a=25); shipment-scan e3 -> Fulfilment.ship [out of order]; state:");
        f.Entities[0].ShouldBe(new Entity("order.id", "o-1"));
        f.EvidenceEventIds.ShouldBe(["e1", "e2", "e3"]);
        f.DetectedAt.ShouldBe(T0.AddMinutes(60));
    }

    [Fact]
    public async Task RefundAboveCapture_Violation()
    {
        var findings = await RunAsync(
            Event(0, "payment-attempt", ("order.id", "o-2"), ("payment.amount", 30m), ("event.outcome", "success")),
            Event(10, "shipment-scan", ("order.id", "o-2"), ("shipment.status", "picked-up")),
            Event(20, "shipment-scan", ("order.id", "o-2"), ("shipment.status", "lost")),
            Event(30, "refund", ("order.id", "o-2"), ("refund.amount", 50m), ("refund.requester", "bob"), ("refund.approver", "carol")));

        findings.Single().Explanation.ShouldContain("property refund_within_capture");
    }

    [Theory]
    [InlineData("bob", "bob")]
    [InlineData("bob", "alice")]
    public async Task FourEyes_SameOrClerkApprover_Violation(string requester, string approver)
    {
        var findings = await RunAsync(
            Event(0, "payment-attempt", ("order.id", "o-3"), ("payment.amount", 30m), ("event.outcome", "success")),
            Event(10, "shipment-scan", ("order.id", "o-3"), ("shipment.status", "picked-up")),
            Event(20, "shipment-scan", ("order.id", "o-3"), ("shipment.status", "lost")),
            Event(30, "refund", ("order.id", "o-3"), ("refund.amount", 30m), ("refund.requester", requester), ("refund.approver", approver), ("user.name", approver)));

        var f = findings.Single();
        f.Explanation.ShouldContain("property four_eyes");
        f.Entities.ShouldContain(Entity.User(approver));
    }

    [Fact]
    public async Task HappyPaths_Silent_EvenAfterIdleTimeout()
    {
        var findings = await RunAsync(
            Event(0, "order-create", ("order.id", "a")),
            Event(1, "payment-attempt", ("order.id", "a"), ("payment.amount", 99.95m), ("event.outcome", "success")),
            Event(2, "payment-attempt", ("order.id", "b"), ("payment.amount", 10m), ("event.outcome", "failure")),
            Event(3, "payment-authorise", ("order.id", "c"), ("payment.amount", 40m), ("event.outcome", "success")),
            Event(4, "payment-capture", ("order.id", "c"), ("payment.amount", 35m), ("event.outcome", "success")),
            Event(60, "shipment-scan", ("order.id", "a"), ("shipment.status", "picked-up")),
            Event(61, "shipment-scan", ("order.id", "c"), ("shipment.status", "picked-up")),
            Event(2000, "shipment-scan", ("order.id", "a"), ("shipment.status", "delivered")),
            Event(2001, "shipment-scan", ("order.id", "c"), ("shipment.status", "lost")),
            Event(3000, "refund", ("order.id", "c"), ("refund.amount", 35m), ("refund.requester", "alice"), ("refund.approver", "bob")),
            Event(60 * 24 * 60, "order-create", ("order.id", "later")));

        findings.ShouldBeEmpty();
    }

    [Fact]
    public async Task CapturedThenSilent_LivenessFindingAfterIdleTimeout()
    {
        var findings = await RunAsync(
            Event(0, "payment-attempt", ("order.id", "o-4"), ("payment.amount", 30m), ("event.outcome", "success")),
            Event(60 * 24 * 29, "order-create", ("order.id", "tick-1")),
            Event(60 * 24 * 31, "order-create", ("order.id", "tick-2")));

        var f = findings.Single();
        f.RuleId.ShouldBe(WorkflowMonitorDetector.StalledRule);
        f.Severity.ShouldBe(Severity.Medium);
        f.Explanation.ShouldContain("property delivered_or_refunded");
        f.Entities[0].Value.ShouldBe("o-4");
    }

    [Fact]
    public async Task MissingOrWrongFields_EventIgnoredNoCrash()
    {
        var findings = await RunAsync(
            Event(0, "payment-attempt", ("order.id", "o-5"), ("payment.amount", 30m), ("event.outcome", "success")),
            Event(1, "refund", ("order.id", "o-5"), ("refund.amount", 30m), ("refund.requester", "bob")),
            Event(2, "refund", ("order.id", "o-5"), ("refund.amount", "lots"), ("refund.requester", "bob"), ("refund.approver", "bob")),
            Event(3, "shipment-scan", ("shipment.status", "picked-up")),
            Event(4, "shipment-scan", ("order.id", new string('x', 600)), ("shipment.status", "picked-up")),
            Event(5, "payment-attempt", ("order.id", "o-5"), ("event.outcome", "success")));

        findings.ShouldBeEmpty();
    }

    [Fact]
    public async Task NumericOrderId_ReadAsText()
    {
        var findings = await RunAsync(
            Event(0, "payment-authorise", ("order.id", 42m), ("payment.amount", 25m), ("event.outcome", "success")),
            Event(1, "shipment-scan", ("order.id", 42m), ("shipment.status", "picked-up")));

        findings.Single().Entities[0].ShouldBe(new Entity("order.id", "42"));
    }

    [Fact]
    public async Task Violation_ReportedOncePerKey()
    {
        var findings = await RunAsync(
            Event(0, "payment-authorise", ("order.id", "o-6"), ("payment.amount", 25m), ("event.outcome", "success")),
            Event(1, "shipment-scan", ("order.id", "o-6"), ("shipment.status", "picked-up")),
            Event(2, "shipment-scan", ("order.id", "o-6"), ("shipment.status", "picked-up")));

        findings.Count.ShouldBe(1);
    }

    [Fact]
    public void Catalog_DefaultOptions_RegistersTheMonitorWithTheShippedWorkflow()
    {
        var detectors = DetectorCatalog.Create(new DetectionOptions());

        detectors.Select(f => f().Name).ShouldContain(WorkflowMonitorDetector.DetectorName);
    }

    [Fact]
    public void Catalog_BadWorkflowFile_ValidationNamesFileLineAndColumn()
    {
        string path = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.wf");
        File.WriteAllText(path, "workflow w;\nprocess P { states a; go: a -> b; }\nmonitor by order.id { on \"refund\" -> P.go; }\n");
        try
        {
            var options = new DetectionOptions { WorkflowMonitor = new WorkflowMonitorOptions { Files = [path] } };

            var error = DetectorCatalog.Validate(options).First();

            error.Key.ShouldBe("detectors.workflow-monitor.files");
            error.Message.ShouldBe($"{path}:2:32: state b is not a state of process P");
            Should.Throw<ArgumentException>(() => DetectorCatalog.Create(options));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Catalog_WorkflowWithoutMonitor_Rejected()
    {
        string path = Path.Combine(Path.GetTempPath(), $"no-monitor-{Guid.NewGuid():N}.wf");
        File.WriteAllText(path, "workflow w;\nprocess P { states a; }\n");
        try
        {
            var options = new DetectionOptions { WorkflowMonitor = new WorkflowMonitorOptions { Files = [path] } };

            DetectorCatalog.Validate(options).Single().Message.ShouldContain("has no monitor section");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Options_Invalid_Reported()
    {
        var errors = new WorkflowMonitorOptions { IdleTimeout = TimeSpan.Zero, MaxKeys = 0, MaxTraceSteps = 1 }.Validate();

        errors.Select(e => e.Key).ShouldBe(["idle-timeout", "max-keys", "max-trace-steps"]);
    }

    [Fact]
    public void MaxKeys_OldestJudgedAndDropped()
    {
        var set = MonitorSet.Load(new WorkflowMonitorOptions(), out _)!;
        var detector = new WorkflowMonitorDetector(set, new WorkflowMonitorOptions { MaxKeys = 2 });
        var sink = new ListSink();
        var keys = new List<DetectorKey>();
        foreach (var e in new[]
        {
            Event(0, "payment-attempt", ("order.id", "k1"), ("payment.amount", 5m), ("event.outcome", "success")),
            Event(1, "order-create", ("order.id", "k2")),
            Event(2, "order-create", ("order.id", "k3")),
        })
        {
            keys.Clear();
            detector.SelectKeys(e, keys);
            foreach (var k in keys) detector.Observe(e, k, sink);
        }

        detector.Keys.ShouldBe(2);
        sink.Findings.Single().Entities[0].Value.ShouldBe("k1");
    }

    private SecurityEvent Event(int minutes, string action, params (string Field, object Value)[] fields)
    {
        var extra = new JsonObject();
        string? outcome = null, user = null;
        decimal? amount = null;
        foreach (var (field, value) in fields)
        {
            switch (field)
            {
                case "event.outcome": outcome = (string)value; continue;
                case "user.name": user = (string)value; continue;
                case "payment.amount": amount = (decimal)value; continue;
            }

            var parts = field.Split('.');
            var node = extra;
            foreach (var part in parts[..^1])
            {
                if (node[part] is not JsonObject child) node[part] = child = new JsonObject();
                node = child;
            }

            node[parts[^1]] = value is decimal d ? JsonValue.Create(d) : JsonValue.Create((string)value);
        }

        return new SecurityEvent
        {
            Id = "e" + (++_id).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Timestamp = T0.AddMinutes(minutes),
            Action = action,
            Outcome = outcome,
            UserName = user,
            PaymentAmount = amount,
            Extra = extra,
        };
    }

    private static async Task<List<Finding>> RunAsync(params SecurityEvent[] events)
    {
        var set = MonitorSet.Load(new WorkflowMonitorOptions(), out var errors) ?? throw new InvalidOperationException(string.Join("; ", errors));
        var sink = new ListSink();
        await using (var pipeline = new DetectionPipeline([() => new WorkflowMonitorDetector(set, new WorkflowMonitorOptions())], sink, new PipelineOptions { Partitions = 2 }))
        {
            foreach (var e in events) await pipeline.WriteAsync(e);
            await pipeline.CompleteAsync();
            pipeline.Faults.ShouldBeEmpty();
        }

        return sink.Findings;
    }

    private sealed class ListSink : IFindingSink
    {
        private readonly Lock _lock = new();

        public List<Finding> Findings { get; } = [];

        public void Emit(Finding finding)
        {
            lock (_lock) Findings.Add(finding);
        }
    }
}
