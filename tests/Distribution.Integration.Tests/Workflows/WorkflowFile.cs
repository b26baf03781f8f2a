using Distribution.Testing;
using YamlDotNet.RepresentationModel;

namespace Distribution.Integration.Tests.Workflows;

/// <summary>A GitHub Actions workflow of this repository, parsed with YamlDotNet.</summary>
internal sealed record WorkflowFile(string Name, YamlMappingNode Root)
{
    public static IReadOnlyList<WorkflowFile> All { get; } = Load();

    public static WorkflowFile Named(string fileName) => All.Single(workflow => workflow.Name == fileName);

    public YamlMappingNode Jobs => (YamlMappingNode)Root.Children[new YamlScalarNode("jobs")];

    public IEnumerable<(string Job, YamlMappingNode Step)> Steps() =>
        from job in Jobs.Children
        let steps = ((YamlMappingNode)job.Value).Children.TryGetValue(new YamlScalarNode("steps"), out var node)
            ? (YamlSequenceNode)node
            : new YamlSequenceNode()
        from step in steps.Children.Cast<YamlMappingNode>()
        select (((YamlScalarNode)job.Key).Value!, step);

    public static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    public static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    /// <summary>A workflow from its text (tests of the checks themselves use made-up workflows).</summary>
    public static WorkflowFile Parse(string name, string text)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(text);
        try
        {
            stream.Load(reader);
        }
        catch (YamlDotNet.Core.YamlException exception)
        {
            throw new InvalidDataException($"{name}({exception.Start.Line},{exception.Start.Column}): {exception.Message}", exception);
        }

        return new WorkflowFile(Path.GetFileName(name), (YamlMappingNode)stream.Documents.Single().RootNode);
    }

    private static List<WorkflowFile> Load()
    {
        var folder = Path.Combine(TestPaths.RepositoryRoot, ".github", "workflows");
        return [.. Directory.EnumerateFiles(folder, "*.yml")
            .Order(StringComparer.Ordinal)
            .Select(path => Parse(path, File.ReadAllText(path)))];
    }
}
