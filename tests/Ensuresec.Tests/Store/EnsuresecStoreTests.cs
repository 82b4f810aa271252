using Ensuresec.Core.Events;
using Ensuresec.Store;
using Ensuresec.Store.Queries;
using Microsoft.Data.Sqlite;

namespace Ensuresec.Tests.Store;

public sealed class EnsuresecStoreTests : IDisposable
{
    private readonly TempFolder _dir = new();
    private readonly FakeTime _time = new(Samples.T0);
    private readonly EnsuresecStore _store;

    public EnsuresecStoreTests() => _store = EnsuresecStore.Open(new StoreOptions { DataDirectory = _dir.Path, Time = _time });

    public void Dispose()
    {
        _store.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void Open_NewFolder_CreatesWalDatabaseAtLatestVersion()
    {
        _store.SchemaVersion.ShouldBe(2);
        File.Exists(_store.DatabasePath).ShouldBeTrue();
        using var c = Raw();
        Scalar(c, "PRAGMA journal_mode").ShouldBe("wal");
    }

    [Fact]
    public void AddEvents_ResentIds_CountedAsDuplicatesAndStoredOnce()
    {
        _store.AddEvents([Samples.Event("a"), Samples.Event("b")]).ShouldBe(new EventInsertResult(2, 0));
        _store.AddEvents([Samples.Event("b"), Samples.Event("c"), Samples.Event("c")]).ShouldBe(new EventInsertResult(1, 2));
        _store.CountEvents().ShouldBe(3);
        _store.ReadBacklog(10).Select(e => e.Id).ShouldBe(["a", "b", "c"]);
    }

    [Fact]
    public void AddEvents_KeepsJsonAndTimesExactly()
    {
        var e = Samples.Event("x", 5) with { Json = """{"a":"é","n":1.000000000000000000001}""" };
        _store.AddEvents([e]);
        var stored = _store.GetEvents(["x"]).ShouldHaveSingleItem();
        stored.Json.ShouldBe(e.Json);
        stored.Timestamp.ShouldBe(e.Timestamp);
        stored.ReceivedAt.ShouldBe(Samples.T0);
        stored.Processed.ShouldBeFalse();
    }

    [Fact]
    public void CommitProcessed_MarksEventsAndStoresFindingsTogether()
    {
        _store.AddEvents([Samples.Event("a"), Samples.Event("b"), Samples.Event("c")]);
        var batch = _store.ReadBacklog(2);
        var f = Samples.Finding("f1");
        var commit = _store.CommitProcessed(batch.Select(e => e.Seq).ToList(), [f], [Samples.Incident("i1", f)]);
        commit.ShouldBe(new ProcessedCommit(2, 1, 1));
        _store.CountBacklog().ShouldBe(1);
        _store.ReadBacklog(10).ShouldHaveSingleItem().Id.ShouldBe("c");
        Ensuresec.Core.Json.FindingJson.ToJson(_store.QueryFindings(new FindingQuery()).Items.ShouldHaveSingleItem()).ShouldBe(Ensuresec.Core.Json.FindingJson.ToJson(f));
    }

    [Fact]
    public void CommitProcessed_SameBatchTwice_AddsNothingTheSecondTime()
    {
        _store.AddEvents([Samples.Event("a")]);
        long seq = _store.ReadBacklog(1)[0].Seq;
        var f = Samples.Finding("f1");
        _store.CommitProcessed([seq], [f], []);
        var again = _store.CommitProcessed([seq], [f with { Explanation = "changed" }], []);
        again.ShouldBe(new ProcessedCommit(0, 0, 0));
        _store.QueryFindings(new FindingQuery()).Items.ShouldHaveSingleItem().Explanation.ShouldBe(f.Explanation);
    }

    [Fact]
    public void CommitProcessed_FailureInsideTransaction_LeavesEventsUnprocessedAndNoFindings()
    {
        _store.AddEvents([Samples.Event("a")]);
        long seq = _store.ReadBacklog(1)[0].Seq;
        using (var c = Raw())
        {
            // Make the incident write fail after the finding insert ran in the same transaction.
            Exec(c, "CREATE TRIGGER boom BEFORE INSERT ON incidents BEGIN SELECT RAISE(ABORT, 'boom'); END;");
        }

        var f = Samples.Finding("f1");
        Should.Throw<SqliteException>(() => _store.CommitProcessed([seq], [f], [Samples.Incident("i", f)]));
        _store.CountBacklog().ShouldBe(1);
        _store.QueryFindings(new FindingQuery()).Total.ShouldBe(0);
    }

    [Fact]
    public void CommitProcessed_RetiredIncident_IsDeletedWithItsEntities()
    {
        var f1 = Samples.Finding("f1", ip: "198.51.100.1");
        var f2 = Samples.Finding("f2", ip: "198.51.100.2");
        _store.CommitProcessed([], [f1, f2], [Samples.Incident("a", f1), Samples.Incident("b", f2)]);
        _store.CommitProcessed([], [], [Samples.Incident("a", f2)], ["b"]);
        _store.QueryIncidents(new IncidentQuery()).Items.ShouldHaveSingleItem().Id.ShouldBe("a");
        _store.QueryIncidents(new IncidentQuery { Entity = "198.51.100.1" }).Total.ShouldBe(0);
    }

    [Fact]
    public void UpsertIncident_SameId_ReplacesItAndItsEntities()
    {
        var f1 = Samples.Finding("f1", ip: "198.51.100.1");
        _store.CommitProcessed([], [f1], [Samples.Incident("i", f1, Severity.Low)]);
        var f2 = Samples.Finding("f2", ip: "198.51.100.2");
        _store.CommitProcessed([], [f2], [Samples.Incident("i", f2, Severity.Critical)]);
        var page = _store.QueryIncidents(new IncidentQuery());
        page.Items.ShouldHaveSingleItem().Severity.ShouldBe(Severity.Critical);
        _store.QueryIncidents(new IncidentQuery { Entity = "198.51.100.1" }).Total.ShouldBe(0);
        _store.QueryIncidents(new IncidentQuery { Entity = "source.ip=198.51.100.2" }).Total.ShouldBe(1);
    }

    [Fact]
    public void QueryFindings_Filters_SelectTheRightRows()
    {
        _store.CommitProcessed(
            [],
            [
                Samples.Finding("a", Severity.Low, "R1", minute: 0, ip: "10.0.0.1"),
                Samples.Finding("b", Severity.High, "R2", minute: 10, ip: "10.0.0.2", detector: "other"),
                Samples.Finding("c", Severity.Critical, "R1", minute: 20, ip: "10.0.0.1"),
            ],
            []);
        Ids(new FindingQuery { MinSeverity = Severity.High }).ShouldBe(["b", "c"]);
        Ids(new FindingQuery { RuleId = "R1" }).ShouldBe(["a", "c"]);
        Ids(new FindingQuery { Detector = "other" }).ShouldBe(["b"]);
        Ids(new FindingQuery { Entity = "10.0.0.1" }).ShouldBe(["a", "c"]);
        Ids(new FindingQuery { Entity = "user.name=alice" }).ShouldBe(["a", "b", "c"]);
        Ids(new FindingQuery { Entity = "user.name=10.0.0.1" }).ShouldBeEmpty();
        Ids(new FindingQuery { Since = Samples.T0.AddMinutes(10), Until = Samples.T0.AddMinutes(20) }).ShouldBe(["b"]);
    }

    [Fact]
    public void QueryFindings_Paging_ReportsTotalAndNextOffset()
    {
        _store.CommitProcessed([], Enumerable.Range(0, 5).Select(i => Samples.Finding($"f{i}", minute: i)).ToList(), []);
        var first = _store.QueryFindings(new FindingQuery { Limit = 2 });
        first.Items.Select(f => f.Id).ShouldBe(["f0", "f1"]);
        first.Total.ShouldBe(5);
        first.NextOffset.ShouldBe(2);
        var last = _store.QueryFindings(new FindingQuery { Limit = 2, Offset = 4 });
        last.Items.ShouldHaveSingleItem().Id.ShouldBe("f4");
        last.NextOffset.ShouldBeNull();
        _store.QueryFindings(new FindingQuery { Limit = 1_000_000 }).Limit.ShouldBe(Paging.MaxLimit);
    }

    [Theory]
    [InlineData("'; DROP TABLE findings; --")]
    [InlineData("\" OR 1=1 --")]
    [InlineData("x' OR '1'='1")]
    [InlineData("source.ip=' OR 1=1 --")]
    [InlineData("%")]
    [InlineData("\0")]
    public void Queries_HostileFilterText_MatchNothingAndHarmNothing(string hostile)
    {
        _store.CommitProcessed([], [Samples.Finding("a")], [Samples.Incident("i", Samples.Finding("a"))]);
        _store.QueryFindings(new FindingQuery { RuleId = hostile }).Total.ShouldBe(0);
        _store.QueryFindings(new FindingQuery { Detector = hostile }).Total.ShouldBe(0);
        _store.QueryFindings(new FindingQuery { Entity = hostile }).Total.ShouldBe(0);
        _store.QueryIncidents(new IncidentQuery { Entity = hostile }).Total.ShouldBe(0);
        _store.Keys.Revoke(hostile).ShouldBeFalse();
        _store.Keys.Verify(hostile).ShouldBeNull();
        _store.QueryFindings(new FindingQuery()).Total.ShouldBe(1);
    }

    [Fact]
    public void Queries_HostileStoredText_ComesBackVerbatim()
    {
        var f = Samples.Finding("'; DROP TABLE findings; --", ip: "' OR 1=1 --");
        _store.CommitProcessed([], [f], []);
        _store.QueryFindings(new FindingQuery { Entity = "' OR 1=1 --" }).Items.ShouldHaveSingleItem().Id.ShouldBe(f.Id);
    }

    [Fact]
    public void DeleteProcessedEventsOlderThan_DeletesOnlyOldProcessedEvents()
    {
        _store.AddEvents([Samples.Event("old-done"), Samples.Event("old-pending")]);
        _store.CommitProcessed([_store.ReadBacklog(1)[0].Seq], [], []);
        _time.Advance(TimeSpan.FromDays(10));
        _store.AddEvents([Samples.Event("new")]);
        _store.CommitProcessed(_store.GetEvents(["new"]).Select(e => e.Seq).ToList(), [], []);
        _store.DeleteProcessedEventsOlderThan(TimeSpan.FromDays(7)).ShouldBe(1);
        _store.GetEvents(["old-done", "old-pending", "new"]).Select(e => e.Id).ShouldBe(["old-pending", "new"]);
    }

    [Fact]
    public void Open_VersionOneDatabase_MigratesAndBackfillsEntities()
    {
        using var dir = new TempFolder();
        string path = Path.Combine(dir.Path, "ensuresec.db");
        using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            Exec(c, Ensuresec.Store.Schema.Migrations.Steps[0]);
            Exec(c, "PRAGMA user_version = 1;");
            using var cmd = c.CreateCommand();
            cmd.CommandText = "INSERT INTO findings VALUES ('old', 'R', 'd', 3, 'T1', '2025-01-01T00:00:00.0000000Z', '2025-01-01T00:00:00.0000000Z', $json)";
            cmd.Parameters.AddWithValue("$json", Ensuresec.Core.Json.FindingJson.ToJson(Samples.Finding("old", ip: "192.0.2.7")));
            cmd.ExecuteNonQuery();
        }

        using var store = EnsuresecStore.Open(new StoreOptions { DataDirectory = dir.Path });
        store.SchemaVersion.ShouldBe(2);
        store.QueryFindings(new FindingQuery { Entity = "source.ip=192.0.2.7" }).Items.ShouldHaveSingleItem().Id.ShouldBe("old");
    }

    [Fact]
    public void Open_NewerSchema_RefusesWithClearMessage()
    {
        using var dir = new TempFolder();
        using (var c = new SqliteConnection($"Data Source={Path.Combine(dir.Path, "ensuresec.db")};Pooling=False"))
        {
            c.Open();
            Exec(c, "PRAGMA user_version = 99;");
        }

        Should.Throw<InvalidOperationException>(() => EnsuresecStore.Open(new StoreOptions { DataDirectory = dir.Path })).Message.ShouldContain("99");
    }

    private List<string> Ids(FindingQuery q) => _store.QueryFindings(q).Items.Select(f => f.Id).ToList();

    private SqliteConnection Raw()
    {
        var c = new SqliteConnection($"Data Source={_store.DatabasePath};Pooling=False");
        c.Open();
        return c;
    }

    private static void Exec(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static string? Scalar(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar()?.ToString();
    }
}
