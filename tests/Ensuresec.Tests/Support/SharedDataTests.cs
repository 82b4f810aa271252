namespace Ensuresec.Tests.Support;

public class SharedDataTests
{
    [Fact]
    public void PathOf_ExistingFile_ReturnsIt() =>
        Assert.True(File.Exists(SharedData.PathOf("access-logs/apache_logs")));

    [Fact]
    public void PathOf_MissingFile_FailsNamingThePath()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => SharedData.PathOf("no/such/file"));
        Assert.Contains("no/such/file", ex.Message, StringComparison.Ordinal);
    }
}
