using Distribution.Adapters.Files;
using Distribution.Cli.Hosting;
using Distribution.Cli.Output;
using Distribution.Core.Diagnostics;
using Distribution.Core.Rendering;
using Distribution.Core.Versions;
using Distribution.Pipeline;
using Distribution.Testing;

namespace Distribution.Integration.Tests.Versions;

public sealed class VersionsLoaderTests
{
    [Fact]
    public async Task Valid_file_with_warnings_is_loaded_and_the_warnings_reported()
    {
        using var work = new TempDirectory("loader");
        var text = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot, "version-management", "versions.toml"));
        await File.WriteAllTextAsync(
            work.Combine("versions.toml"),
            text.Replace("platform = \"2.5.3\"\n# The design", "platform = \"2.6.0\"\n# The design", StringComparison.Ordinal));
        var reporter = new RecordingReporter();
        var context = new CliContext(new RepositoryPaths(work.Path), reporter, GitHubActions: false);

        var (document, bundle) = await VersionsLoader.LoadBundleAsync(
            context, "versions.toml", null, null, null, null, null, CancellationToken.None);

        Assert.Equal(3, document.Bundles.Length);
        Assert.Equal("stable-3.2", bundle.Id);
        var warning = Assert.Single(reporter.Diagnostics);
        Assert.Equal(DiagnosticCodes.Versions.Ungoverned, warning.Code);
        Assert.Equal("versions.toml", warning.Location.File);
    }

    [Fact]
    public async Task File_with_errors_stops_the_verb_with_every_diagnostic()
    {
        using var work = new TempDirectory("loader");
        File.Copy(
            Path.Combine(TestPaths.RepositoryRoot, "tests", "Distribution.Core.Tests", "Versions", "Cases", "many-mistakes.toml"),
            work.Combine("versions.toml"));
        var reporter = new RecordingReporter();
        var context = new CliContext(new RepositoryPaths(work.Path), reporter, GitHubActions: false);

        var exception = await Assert.ThrowsAsync<UserErrorException>(() => VersionsLoader.LoadAsync(
            context, "versions.toml", CancellationToken.None));

        Assert.Equal(6, exception.Diagnostics.Length);
        Assert.Empty(reporter.Diagnostics);
    }

    [Fact]
    public async Task Invalid_utf8_stops_every_verb_with_TOML002_at_its_place_for_loading_and_for_editing()
    {
        using var work = new TempDirectory("loader");
        var shipped = await File.ReadAllBytesAsync(Path.Combine(TestPaths.RepositoryRoot, "version-management", "versions.toml"));
        await File.WriteAllBytesAsync(work.Combine("versions.toml"), [.. "# \u00e9t\u00e9 "u8, 0xFF, 0xFE, .. "\n"u8, .. shipped]);
        var context = new CliContext(new RepositoryPaths(work.Path), new RecordingReporter(), GitHubActions: false);

        var loading = await Assert.ThrowsAsync<UserErrorException>(() => VersionsLoader.LoadAsync(
            context, "versions.toml", CancellationToken.None));
        var editing = await Assert.ThrowsAsync<UserErrorException>(() => VersionsLoader.ReadTextAsync(
            context, work.Combine("versions.toml"), CancellationToken.None));

        foreach (var exception in new[] { loading, editing })
        {
            var diagnostic = Assert.Single(exception.Diagnostics);
            Assert.Equal("TOML002", diagnostic.Code);
            Assert.Equal((1, 7), (diagnostic.Location.Line, diagnostic.Location.Column));
        }
    }
}
