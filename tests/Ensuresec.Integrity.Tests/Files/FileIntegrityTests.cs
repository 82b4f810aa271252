using System.Text;
using Ensuresec.Integrity.Files;
using Ensuresec.Integrity.Inspect;

namespace Ensuresec.Integrity.Tests.Files;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FileIntegrityTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "es-fim-" + Guid.NewGuid().ToString("N"));
    private readonly (byte[] Private, byte[] Public) _keys = BaselineSigner.Generate();

    private string Root => Path.Combine(_dir, "www");

    private BaselineStore Store => new(Path.Combine(_dir, "store"));

    public FileIntegrityTests()
    {
        Directory.CreateDirectory(Path.Combine(Root, "app/design/checkout"));
        Directory.CreateDirectory(Path.Combine(Root, "pub/media"));
        File.WriteAllText(Path.Combine(Root, "index.php"), "<?php require 'app/bootstrap.php';\n");
        File.WriteAllText(Path.Combine(Root, "app/design/checkout/payment.phtml"), "<form>\n<input name=\"cc_number\">\n</form>\n");
        File.WriteAllText(Path.Combine(Root, ".htaccess"), "RewriteEngine On\n");
        File.WriteAllBytes(Path.Combine(Root, "pub/media/logo.png"), [0x89, 0x50, 0x4E, 0x47, 0, 1, 2, 3]);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }

    private IntegrityScanner MakeBaseline()
    {
        Store.Create(Root, _keys.Private, Now, 16 * 1024 * 1024).Problems.ShouldBeEmpty();
        var (baseline, error) = Store.Load(_keys.Public);
        error.ShouldBeNull();
        return new IntegrityScanner(baseline!, Store, new SensitivePlaces([]), new Inspector(new InspectOptions()));
    }

    [Fact]
    public void Scan_Unchanged_ReportsNothing()
    {
        var scanner = MakeBaseline();
        scanner.Baseline.Files.Count.ShouldBe(4);
        scanner.Scan([]).ShouldBeEmpty();
    }

    [Fact]
    public void Scan_EveryKindOfChange_IsReportedWithSensitivePlacesAndADiff()
    {
        var scanner = MakeBaseline();
        File.WriteAllText(Path.Combine(Root, "app/design/checkout/payment.phtml"), "<form>\n<input name=\"cc_number\">\n<script src=\"https://evil.example/s.js\"></script>\n</form>\n");
        File.WriteAllText(Path.Combine(Root, "pub/media/cache.php"), "<?php @eval($_POST['z']);");
        File.Delete(Path.Combine(Root, "index.php"));
        File.SetUnixFileMode(Path.Combine(Root, ".htaccess"), (UnixFileMode)Convert.ToInt32("777", 8));

        var changes = scanner.Scan([]).ToDictionary(c => c.Path);
        changes["app/design/checkout/payment.phtml"].Kind.ShouldBe(ChangeKind.Changed);
        changes["app/design/checkout/payment.phtml"].Sensitive.ShouldBe("checkout code or template");
        changes["app/design/checkout/payment.phtml"].Diff.ShouldNotBeNull().ShouldContain("+<script src=\"https://evil.example/s.js\"></script>");
        changes["pub/media/cache.php"].Kind.ShouldBe(ChangeKind.Added);
        changes["pub/media/cache.php"].Sensitive.ShouldBe("PHP in an upload folder");
        changes["index.php"].Kind.ShouldBe(ChangeKind.Deleted);
        changes[".htaccess"].Kind.ShouldBe(ChangeKind.ModeChanged);

        var findings = changes.Values.SelectMany(c => scanner.Findings(c, Now)).ToList();
        findings.Select(f => f.RuleId).ShouldBe(["ES-FIM-004", "ES-FIM-001", "ES-FIM-003", "ES-FIM-002", "ES-SHOP-010"], ignoreOrder: true);
        findings.Single(f => f.RuleId == "ES-FIM-004").Severity.ShouldBe(Ensuresec.Core.Events.Severity.Medium);
        findings.Single(f => f.RuleId == "ES-FIM-001").Severity.ShouldBe(Ensuresec.Core.Events.Severity.High);
    }

    [Fact]
    public void Load_ManifestAlteredAfterSigning_IsRefused()
    {
        MakeBaseline();
        string manifest = Path.Combine(Store.Folder, "manifest.json");
        string text = File.ReadAllText(manifest);
        File.WriteAllText(manifest, text.Replace("\"size\":17", "\"size\":18", StringComparison.Ordinal));
        File.ReadAllText(manifest).ShouldNotBe(text);
        Store.Load(_keys.Public).Error.ShouldNotBeNull().ShouldContain("does not verify");
    }

    [Fact]
    public void Load_OtherKey_IsRefused()
    {
        MakeBaseline();
        Store.Load(BaselineSigner.Generate().PublicKey).Error.ShouldNotBeNull().ShouldContain("does not verify");
    }

    [Fact]
    public void Restore_ChangedAndDeletedFiles_ComeBackWithTheirMode()
    {
        var scanner = MakeBaseline();
        string payment = Path.Combine(Root, "app/design/checkout/payment.phtml");
        string original = File.ReadAllText(payment);
        File.WriteAllText(payment, "tampered");
        File.Delete(Path.Combine(Root, "index.php"));
        File.SetUnixFileMode(Path.Combine(Root, ".htaccess"), (UnixFileMode)Convert.ToInt32("777", 8));
        foreach (var c in scanner.Scan([])) FileRestorer.Restore(scanner.Baseline, Store, c.Path).ShouldBeNull();
        File.ReadAllText(payment).ShouldBe(original);
        File.Exists(Path.Combine(Root, "index.php")).ShouldBeTrue();
        scanner.Scan([]).ShouldBeEmpty();
    }

    [Fact]
    public void Restore_CorruptedBaselineCopy_IsRefused()
    {
        var scanner = MakeBaseline();
        // overwrite the pack's bytes: same length, other content
        string pack = Path.Combine(Store.Folder, "objects.pack");
        var bytes = File.ReadAllBytes(pack);
        Array.Fill(bytes, (byte)'x');
        File.WriteAllBytes(pack, bytes);
        File.Delete(Path.Combine(Root, "index.php"));
        FileRestorer.Restore(scanner.Baseline, Store, "index.php").ShouldNotBeNull().ShouldContain("does not match its signed hash");
        File.Exists(Path.Combine(Root, "index.php")).ShouldBeFalse();
    }

    [Fact]
    public void Restore_PathOutsideTheRoot_IsRefused()
    {
        var scanner = MakeBaseline();
        FileRestorer.Restore(scanner.Baseline, Store, "/etc/passwd").ShouldNotBeNull();
    }

    [Fact]
    public void Baseline_SymlinkLoop_IsRecordedNotFollowed()
    {
        Directory.CreateDirectory(Path.Combine(Root, "loop"));
        Directory.CreateSymbolicLink(Path.Combine(Root, "loop/up"), "..");
        var scanner = MakeBaseline();
        scanner.Baseline.Files["loop/up"].LinkTarget.ShouldBe("..");
        scanner.Baseline.Files.Count.ShouldBe(5);
    }

    [Fact]
    public void Baseline_StoreInsideTheRoot_IsRefused()
    {
        Should.Throw<ArgumentException>(() => new BaselineStore(Path.Combine(Root, "store")).Create(Root, _keys.Private, Now, 1024));
    }

    [Fact]
    public void Read_VanishedFile_IsAProblemNotAnException()
    {
        FileSnapshot.Read(Root, Path.Combine(Root, "gone.php"), out string? problem).ShouldBeNull();
        problem.ShouldNotBeNull().ShouldContain("vanished");
    }

    [Theory]
    [InlineData("{", "invalid JSON")]
    [InlineData("[]", "not a JSON object")]
    [InlineData("{\"version\":2}", "version")]
    [InlineData("{\"version\":1,\"root\":\"/w\",\"created\":\"2026-01-01T00:00:00Z\",\"files\":[{\"path\":\"../x\"}]}", "files[0].path")]
    [InlineData("{\"version\":1,\"root\":\"/w\",\"created\":\"2026-01-01T00:00:00Z\",\"files\":[{\"path\":\"a\",\"size\":-1}]}", "files[0].size")]
    [InlineData("{\"version\":1,\"root\":\"/w\",\"created\":\"2026-01-01T00:00:00Z\",\"files\":[{\"path\":\"a\",\"size\":1,\"mode\":420,\"sha256\":\"XYZ\"}]}", "files[0].sha256")]
    public void Parse_MalformedManifest_NamesTheField(string json, string expected)
    {
        var (baseline, error) = Baseline.Parse(Encoding.UTF8.GetBytes(json), "m.json");
        baseline.ShouldBeNull();
        error.ShouldNotBeNull().ShouldContain(expected);
    }

    [Fact]
    public void Diff_ShowsRemovedThenAddedLinesWithContext()
    {
        string diff = LineDiff.Unified("a\nb\nc\nd\n", "a\nB\nc\nd\n", "f.txt");
        diff.ShouldContain("@@ -1,4 +1,4 @@\n a\n-b\n+B\n c\n d\n");
    }

    [Fact]
    public async Task Watch_FileChangedAndAdded_IsReportedOnce()
    {
        var scanner = MakeBaseline();
        var reported = new List<FileChange>();
        var seen = new SemaphoreSlim(0);
        var watcher = new IntegrityWatcher(scanner, c => { lock (reported) reported.Add(c); seen.Release(); }, _ => { }, TimeProvider.System);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var run = watcher.RunAsync(cts.Token);
        await Task.Delay(500);
        await File.WriteAllTextAsync(Path.Combine(Root, "app/design/checkout/payment.phtml"), "<script>evil()</script>");
        (await seen.WaitAsync(TimeSpan.FromSeconds(10))).ShouldBeTrue("the change was not reported");
        await File.WriteAllTextAsync(Path.Combine(Root, "pub/media/new.php"), "<?php echo 1;");
        (await seen.WaitAsync(TimeSpan.FromSeconds(10))).ShouldBeTrue("the new file was not reported");
        await Task.Delay(500);
        await cts.CancelAsync();
        await run;
        lock (reported)
        {
            reported.Select(c => (c.Kind, c.Path)).ShouldBe([(ChangeKind.Changed, "app/design/checkout/payment.phtml"), (ChangeKind.Added, "pub/media/new.php")]);
        }
    }
}
