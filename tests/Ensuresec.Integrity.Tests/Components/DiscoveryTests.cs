using Ensuresec.Integrity.Components;
using Ensuresec.Integrity.Components.Discovery;
using Ensuresec.Tests.Support;

namespace Ensuresec.Integrity.Tests.Components;

public sealed class DiscoveryTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "es-sca-" + Guid.NewGuid().ToString("N"));

    public DiscoveryTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, true);

    private string Write(string relative, string text)
    {
        string path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void CycloneDx_ReferenceBom_YieldsItsComponentsWithPurls()
    {
        var (components, errors) = CycloneDxReader.Read(SharedData.PathOf("cyclonedx/SBOM/laravel-7.12.0/bom.1.4.json"));
        components.Count.ShouldBeGreaterThan(50);
        components.ShouldContain(c => c.Ecosystem == "Packagist" && c.Name == "laravel/framework");
        errors.ShouldBeEmpty();
    }

    [Fact]
    public void Discover_ShopTree_FindsLockFilesPluginsAndModules()
    {
        Write("composer.lock", "{\"packages\":[{\"name\":\"Magento/Framework\",\"version\":\"103.0.4\"}],\"packages-dev\":[{\"name\":\"phpunit/phpunit\",\"version\":\"9.5.0\"}]}");
        Write("app/package-lock.json", "{\"lockfileVersion\":3,\"packages\":{\"\":{\"name\":\"shop\"},\"node_modules/jquery\":{\"version\":\"3.4.1\"},\"node_modules/a/node_modules/@scope/b\":{\"version\":\"1.0.0\"}}}");
        Write("old/package-lock.json", "{\"lockfileVersion\":1,\"dependencies\":{\"lodash\":{\"version\":\"4.17.15\",\"dependencies\":{\"minimist\":{\"version\":\"0.0.8\"}}}}}");
        Write("wp-content/plugins/woocommerce/woocommerce.php", "<?php\n/**\n * Plugin Name: WooCommerce\n * Version: 8.2.1\n */\n");
        Write("wp-content/plugins/contact-form/readme.txt", "=== Contact ===\nStable tag: 5.1\n");
        Write("app/code/Acme/Pay/composer.json", "{\"name\":\"acme/module-pay\",\"version\":\"1.2.0\"}");
        var (components, errors) = ComponentDiscovery.Discover(_dir);
        errors.ShouldBeEmpty();
        components.Select(c => $"{c.Ecosystem}:{c.Name}@{c.Version}").Order(StringComparer.Ordinal).ShouldBe([
            "Packagist:acme/module-pay@1.2.0", "Packagist:magento/framework@103.0.4", "Packagist:phpunit/phpunit@9.5.0",
            "WordPress:contact-form@5.1", "WordPress:woocommerce@8.2.1",
            "npm:@scope/b@1.0.0", "npm:jquery@3.4.1", "npm:lodash@4.17.15", "npm:minimist@0.0.8",
        ]);
    }

    [Fact]
    public void Sbom_WrittenThenRead_GivesTheSameComponents()
    {
        var components = new List<Component> { new("npm", "@scope/b", "1.0.0", "x"), new("Packagist", "magento/framework", "103.0.4", "y"), new("WordPress", "woocommerce", "8.2.1", "z") };
        string path = Path.Combine(_dir, "bom.json");
        using (var stream = File.Create(path)) SbomWriter.Write(stream, components, DateTimeOffset.UnixEpoch);
        var (read, errors) = CycloneDxReader.Read(path);
        errors.ShouldBeEmpty();
        read.Select(c => (c.Ecosystem, c.Name, c.Version)).ShouldBe(components.Select(c => (c.Ecosystem, c.Name, c.Version)), ignoreOrder: true);
    }

    [Theory]
    [InlineData("{", "invalid JSON")]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("{\"bomFormat\":\"SPDX\"}", "bomFormat")]
    [InlineData("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":{}}", "components must be an array")]
    [InlineData("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[{\"name\":\"x\",\"purl\":\"pkg:npm/x\"}]}", "components[0]: no version")]
    [InlineData("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[{\"name\":\"x\",\"purl\":\"nonsense\"}]}", "components[0].purl")]
    public void CycloneDx_Malformed_NamesTheProblem(string json, string expected)
    {
        var (_, errors) = CycloneDxReader.Read(Write("bad.json", json));
        errors.ShouldContain(e => e.Contains(expected));
    }

    [Fact]
    public void CycloneDx_ConformanceSet_InvalidOnesNeverThrow()
    {
        foreach (string file in Directory.GetFiles(SharedData.PathOf("cyclonedx/specification/tools/src/test/resources/1.6"), "*.json"))
        {
            Should.NotThrow(() => CycloneDxReader.Read(file), file);
        }
    }

    [Fact]
    public void PackageLock_DeepNesting_IsCutWithAnError()
    {
        string deps = "{\"version\":\"1.0.0\"}";
        for (int i = 0; i < 80; i++) deps = $"{{\"version\":\"1.0.{i}\",\"dependencies\":{{\"d{i}\":{deps}}}}}";
        var (components, errors) = LockFileReader.PackageLock(Write("package-lock.json", $"{{\"lockfileVersion\":1,\"dependencies\":{{\"top\":{deps}}}}}"));
        components.ShouldNotBeEmpty();
        errors.ShouldContain(e => e.Contains("nested deeper"));
    }
}
