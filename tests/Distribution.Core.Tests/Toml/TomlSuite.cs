using Distribution.Testing;

namespace Distribution.Core.Tests.Toml;

/// <summary>The toml-test conformance cases in ../shared/toml-test (never copied into the repository).</summary>
internal static class TomlSuite
{
    public const string Folder = "../shared/toml-test";

    /// <summary>The row xunit gets when the suite is absent: the theory then reports a skip (its Skip is set).</summary>
    public const string Absent = "(toml-test suite absent)";

    public static string Root => Path.Combine(TestPaths.TomlTestSuite, "tests");

    public static bool Present => Directory.Exists(Root);

    public static IEnumerable<string> Cases(string kind)
    {
        if (!Present)
        {
            return [Absent];
        }

        return Directory.EnumerateFiles(Path.Combine(Root, kind), "*.toml", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(Root, file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
    }

    public static TheoryData<string> Rows(string kind)
    {
        var data = new TheoryData<string>();
        foreach (var name in Cases(kind))
        {
            data.Add(name);
        }

        return data;
    }

    public static string FullPath(string name) => Path.Combine(Root, name);
}
