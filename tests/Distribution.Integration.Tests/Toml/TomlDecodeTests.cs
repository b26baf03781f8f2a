using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Distribution.Testing;

namespace Distribution.Integration.Tests.Toml;

/// <summary>The <c>toml decode</c> verb run as a process, as toml-test runs a decoder: TOML on stdin, tagged JSON on stdout.</summary>
public sealed class TomlDecodeTests
{
    private const string Suite = "../shared/toml-test";

    [SkipUnlessTheory(Folder = Suite)]
    [InlineData("valid/spec-1.0.0/array-of-tables-1.toml")]
    [InlineData("valid/spec-1.0.0/inline-table-2.toml")]
    [InlineData("valid/float/inf-and-nan.toml")]
    [InlineData("valid/datetime/datetime.toml")]
    [InlineData("valid/datetime/local-time.toml")]
    [InlineData("valid/string/escapes.toml")]
    [InlineData("valid/string/multiline-escaped-crlf.toml")]
    public async Task Valid_toml_on_stdin_gives_its_tagged_json_on_stdout_and_exit_0(string name)
    {
        var path = Path.Combine(TestPaths.TomlTestSuite, "tests", name);

        var (exitCode, output, error) = await DecodeAsync(await File.ReadAllBytesAsync(path));

        Assert.True(exitCode == 0, error);
        Assert.Equal(string.Empty, error);
        using var expected = JsonDocument.Parse(await File.ReadAllTextAsync(Path.ChangeExtension(path, ".json")));
        using var actual = JsonDocument.Parse(output);
        AssertTaggedEqual(expected.RootElement, actual.RootElement, "$");
    }

    [SkipUnlessTheory(Folder = Suite)]
    [InlineData("invalid/table/duplicate-key-01.toml", "TOML004")]
    [InlineData("invalid/encoding/bad-utf8-in-string.toml", "TOML002")]
    [InlineData("invalid/integer/leading-zero-01.toml", "TOML006")]
    public async Task Invalid_toml_on_stdin_gives_a_diagnostic_on_stderr_and_exit_1(string name, string code)
    {
        var (exitCode, output, error) = await DecodeAsync(
            await File.ReadAllBytesAsync(Path.Combine(TestPaths.TomlTestSuite, "tests", name)));

        Assert.Equal(1, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Matches($@"^stdin\(\d+,\d+\): error {code}: ", error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Empty_input_is_an_empty_table()
    {
        var (exitCode, output, _) = await DecodeAsync([]);

        Assert.Equal(0, exitCode);
        Assert.Equal("{}", output.Trim());
    }

    [Fact]
    public async Task Output_is_the_data_as_it_is_unmasked_and_unwrapped_and_errors_have_no_annotation_on_Actions()
    {
        const string token = "ghp_decodetokenvalue1234567890";
        var longValue = new string('x', 400);
        var environment = new Dictionary<string, string?>
        {
            ["GITHUB_TOKEN"] = token,
            ["GITHUB_ACTIONS"] = "true",
            ["PROVISIONING_DIST_PLAIN"] = null
        };

        var (exitCode, output, error) = await DecodeAsync(
            Encoding.UTF8.GetBytes($"a = \"{token}\"\nb = \"{longValue}\"\nc = \"caf\u00e9\"\n"), environment);
        var (badExit, badOutput, badError) = await DecodeAsync("a = 1\na = 2\n"u8.ToArray(), environment);

        Assert.True(exitCode == 0, error);
        Assert.Equal(
            $"{{\"a\":{{\"type\":\"string\",\"value\":\"{token}\"}},\"b\":{{\"type\":\"string\","
                + $"\"value\":\"{longValue}\"}},\"c\":{{\"type\":\"string\",\"value\":\"caf\u00e9\"}}}}\n",
            output);
        Assert.Equal(string.Empty, error);
        Assert.Equal(1, badExit);
        Assert.Equal(string.Empty, badOutput);
        Assert.Matches(@"^stdin\(2,1\): error TOML003: [^\n]+\n$", badError);
    }

    private static async Task<(int ExitCode, string Output, string Error)> DecodeAsync(
        byte[] input, IDictionary<string, string?>? environment = null)
    {
        var (program, arguments) = CliProcess.DevToolsCommand("toml", "decode");
        var start = CliProcess.StartInfo(program, arguments, TestPaths.RepositoryRoot, environment);
        start.RedirectStandardInput = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.BaseStream.WriteAsync(input);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>toml-test's comparison: same shape, same types, floats numerically, date-times as instants with their offset.</summary>
    private static void AssertTaggedEqual(JsonElement expected, JsonElement actual, string path)
    {
        Assert.True(expected.ValueKind == actual.ValueKind, $"{path}: expected {expected.ValueKind}, got {actual.ValueKind}");
        if (expected.ValueKind == JsonValueKind.Array)
        {
            Assert.True(expected.GetArrayLength() == actual.GetArrayLength(), $"{path}: lengths differ");
            foreach (var (item, index) in expected.EnumerateArray().Select((item, index) => (item, index)))
            {
                AssertTaggedEqual(item, actual[index], $"{path}[{index}]");
            }

            return;
        }

        var names = expected.EnumerateObject().Select(property => property.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(names, actual.EnumerateObject().Select(property => property.Name).Order(StringComparer.Ordinal));
        var isScalar = names.SequenceEqual(["type", "value"]) && expected.GetProperty("type").ValueKind == JsonValueKind.String;
        if (!isScalar)
        {
            foreach (var property in expected.EnumerateObject())
            {
                AssertTaggedEqual(property.Value, actual.GetProperty(property.Name), $"{path}.{property.Name}");
            }

            return;
        }

        var type = expected.GetProperty("type").GetString();
        var want = expected.GetProperty("value").GetString()!;
        var got = actual.GetProperty("value").GetString()!;
        Assert.Equal(type, actual.GetProperty("type").GetString());
        switch (type)
        {
            case "float":
                Assert.True(Float(want).Equals(Float(got)), $"{path}: expected {want}, got {got}");
                break;
            case "datetime":
                var wantInstant = DateTimeOffset.Parse(want, CultureInfo.InvariantCulture);
                var gotInstant = DateTimeOffset.Parse(got, CultureInfo.InvariantCulture);
                Assert.True(
                    wantInstant.UtcTicks == gotInstant.UtcTicks && wantInstant.Offset == gotInstant.Offset,
                    $"{path}: expected {want}, got {got}");
                break;
            case "datetime-local":
                Assert.Equal(DateTime.Parse(want, CultureInfo.InvariantCulture), DateTime.Parse(got, CultureInfo.InvariantCulture));
                break;
            case "time-local":
                Assert.Equal(TimeOnly.Parse(want, CultureInfo.InvariantCulture), TimeOnly.Parse(got, CultureInfo.InvariantCulture));
                break;
            default:
                Assert.Equal(want, got);
                break;
        }
    }

    private static double Float(string text) => text switch
    {
        "nan" or "+nan" or "-nan" => double.NaN,
        "inf" or "+inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
