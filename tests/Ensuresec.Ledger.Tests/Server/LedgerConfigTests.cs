using Ensuresec.Config;
using Ensuresec.Ledger.Notes;
using Ensuresec.Ledger.Tests.Tiles;
using Ensuresec.Server.Ledger;
using System.Text.Json;
using Ensuresec.Server;
using Ensuresec.Store;
using Ensuresec.Store.Keys;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ensuresec.Ledger.Tests.Server;

/// <summary>The ledger: section of ensuresec.yaml, and the server opening its ledger with those settings.</summary>
public sealed class LedgerConfigTests
{
    [Fact]
    public void Defaults_AreValidAndMatchTheServer()
    {
        var config = new EnsuresecConfig();
        config.Validate().ShouldBeEmpty();
        config.Ledger.BatchSize.ShouldBe(new LedgerOptions().BatchSize);
        config.Ledger.Origin.ShouldBe(new LedgerOptions().Origin);
    }

    [Fact]
    public void GoodSection_IsBound()
    {
        string folder = TestLogs.TempFolder();
        string key = Path.Combine(folder, "k");
        File.WriteAllText(key, Ed25519Signer.Generate("shop.example/ledger").PrivateKey);
        var config = new EnsuresecConfig();
        ConfigLoader.Bind(config, $"ledger:\n  folder: {folder}/l\n  signing_key: {key}\n  batch-size: 64\n  batch-latency: 5ms\n  publish-interval: 30s\n", "e.yaml").ShouldBeEmpty();
        config.Validate().ShouldBeEmpty();
        config.Ledger.BatchSize.ShouldBe(64);
        config.Ledger.BatchLatency.ShouldBe(TimeSpan.FromMilliseconds(5));
        config.Ledger.SigningKey.ShouldBe(key);
    }

    [Theory]
    [InlineData("  batch-size: 0\n", "ledger.batch-size")]
    [InlineData("  batch-size: 100000\n", "ledger.batch-size")]
    [InlineData("  batch-latency: 1m\n", "ledger.batch-latency")]
    [InlineData("  publish-interval: 0s\n", "ledger.publish-interval")]
    [InlineData("  origin: \"a b\"\n", "ledger.origin")]
    [InlineData("  origin: a+b\n", "ledger.origin")]
    [InlineData("  signing-key: /nonexistent/log.key\n", "ledger.signing-key")]
    [InlineData("  witness-policy: /nonexistent/policy\n", "ledger.witness-policy")]
    public void BadValues_GiveAnErrorNamingTheField(string yaml, string field)
    {
        var config = new EnsuresecConfig();
        ConfigLoader.Bind(config, "ledger:\n" + yaml, "e.yaml").ShouldBeEmpty();
        config.Validate().ShouldContain(e => e.StartsWith(field + ":", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("  batch-size: many\n", "ledger.batch-size")]
    [InlineData("  batch-size: 99999999999999999999\n", "ledger.batch-size")]
    [InlineData("  batch-latency: soon\n", "ledger.batch-latency")]
    [InlineData("  enabled: perhaps\n", "ledger.enabled")]
    [InlineData("  fsync: never\n", "ledger.fsync")]
    [InlineData("  folder: [a, b]\n", "ledger.folder")]
    public void UnparsableValues_GiveAnErrorNamingTheFieldAndLine(string yaml, string field)
    {
        var errors = ConfigLoader.Bind(new EnsuresecConfig(), "ledger:\n" + yaml, "e.yaml");
        errors.ShouldContain(e => e.KeyPath == field && e.Line == 2);
    }

    [Fact]
    public async Task Server_OpensItsLedgerWithTheConfiguredKeyAndPolicy()
    {
        string root = TestLogs.TempFolder();
        var signer = Ed25519Signer.Generate("shop.example/evidence");
        string key = Path.Combine(root, "evidence.key");
        File.WriteAllText(key, signer.PrivateKey + "\n");
        string policy = Path.Combine(root, "evidence.policy");
        File.WriteAllText(policy, $"log {signer.VerifierKey}\nquorum none\n");
        string folder = Path.Combine(root, "ledger-elsewhere");
        var options = new LedgerOptions { Folder = folder, SigningKey = key, WitnessPolicy = policy, BatchSize = 8 };
        for (int run = 0; run < 2; run++)
        {
            var app = Build(root, options);
            await app.StartAsync();
            try
            {
                string admin = app.Services.GetRequiredService<EnsuresecStore>().Keys.Create(ApiRole.Admin, "admin").Secret;
                using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ledger/records") { Content = new StringContent($"{{\"type\":\"note\",\"id\":\"n{run}\"}}") };
                request.Headers.Add("X-Api-Key", admin);
                var response = await client.SendAsync(request);
                response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created);
                JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("index").GetUInt64().ShouldBe((ulong)run);
                var note = await client.GetStringAsync("/ledger/checkpoint");
                note.ShouldStartWith("shop.example/evidence\n");
            }
            finally
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }

        File.Exists(Path.Combine(folder, "log.key")).ShouldBeFalse();
        File.Exists(Path.Combine(folder, "policy")).ShouldBeFalse();
        File.ReadAllText(Path.Combine(folder, "log.vkey")).Trim().ShouldBe(signer.VerifierKey);

        // A key file that is not there stops the server at start with the file's name.
        Should.Throw<InvalidOperationException>(() => Build(root, options with { SigningKey = Path.Combine(root, "missing.key") }).StartAsync().GetAwaiter().GetResult()).Message.ShouldContain("missing.key");
    }

    private static WebApplication Build(string data, LedgerOptions ledger) => EnsuresecServer.Build(new ServerOptions
    {
        DataDirectory = data,
        Urls = "http://127.0.0.1:0",
        Detectors = [],
        MinimumLogLevel = LogLevel.Warning,
        Ledger = ledger,
    });
}
