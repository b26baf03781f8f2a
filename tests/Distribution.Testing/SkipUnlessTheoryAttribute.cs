using Xunit;

namespace Distribution.Testing;

/// <summary>A theory that reports a skip (never a pass) when the folder or program it needs is absent.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class SkipUnlessTheoryAttribute : TheoryAttribute
{
    public string? Folder
    {
        get => null;
        init => Skip ??= Requirements.MissingFolder(value);
    }

    public string? Program
    {
        get => null;
        init => Skip ??= Requirements.MissingProgram(value);
    }
}
