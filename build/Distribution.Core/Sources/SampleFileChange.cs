namespace Distribution.Core.Sources;

/// <summary>One change of a sample commit: the path in the repository and, for inline, append and symlink, the text.</summary>
public sealed record SampleFileChange(SampleChangeKind Kind, string Path, string Text = "");
