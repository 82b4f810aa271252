using Ensuresec.Store;
using Ensuresec.Store.Keys;
using Microsoft.Data.Sqlite;

namespace Ensuresec.Tests.Store;

public sealed class ApiKeyStoreTests : IDisposable
{
    private readonly TempFolder _dir = new();
    private readonly EnsuresecStore _store;

    public ApiKeyStoreTests() => _store = EnsuresecStore.Open(new StoreOptions { DataDirectory = _dir.Path });

    public void Dispose()
    {
        _store.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void Create_ThenVerify_ReturnsTheKeyRole()
    {
        var created = _store.Keys.Create(ApiRole.Ingest, "shop-1");
        created.Secret.ShouldStartWith("esk_" + created.Info.Id + "_");
        _store.Keys.Verify(created.Secret)!.Role.ShouldBe(ApiRole.Ingest);
        created.ToString().ShouldNotContain(created.Secret);
    }

    [Fact]
    public void Verify_WrongSecretOrRevoked_ReturnsNull()
    {
        var created = _store.Keys.Create(ApiRole.Read, "r");
        char last = created.Secret[^1];
        _store.Keys.Verify(created.Secret[..^1] + (last == 'A' ? 'B' : 'A')).ShouldBeNull();
        _store.Keys.Verify(null).ShouldBeNull();
        _store.Keys.Verify(new string('a', 100_000)).ShouldBeNull();
        _store.Keys.Revoke(created.Info.Id).ShouldBeTrue();
        _store.Keys.Verify(created.Secret).ShouldBeNull();
        _store.Keys.List().ShouldHaveSingleItem().Revoked.ShouldBeTrue();
    }

    [Fact]
    public void Create_StoresOnlyAHash()
    {
        var created = _store.Keys.Create(ApiRole.Admin, "a");
        using var c = new SqliteConnection($"Data Source={_store.DatabasePath};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT hash FROM api_keys";
        var hash = (byte[])cmd.ExecuteScalar()!;
        hash.Length.ShouldBe(32);
        File.ReadAllText(_store.DatabasePath + "-wal", System.Text.Encoding.Latin1).ShouldNotContain(created.Secret[20..]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("bad\nname")]
    public void ValidateName_BadNames_AreRefused(string name) => ApiKeyStore.ValidateName(name).ShouldNotBeNull();

    [Fact]
    public void Satisfies_AdminCoversAll_OthersOnlyThemselves()
    {
        ApiRole.Admin.Satisfies(ApiRole.Ingest).ShouldBeTrue();
        ApiRole.Admin.Satisfies(ApiRole.Read).ShouldBeTrue();
        ApiRole.Read.Satisfies(ApiRole.Ingest).ShouldBeFalse();
        ApiRole.Ingest.Satisfies(ApiRole.Read).ShouldBeFalse();
    }
}
