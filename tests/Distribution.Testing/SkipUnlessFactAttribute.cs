using Xunit;

namespace Distribution.Testing;

/// <summary>
/// A fact that reports a skip (never a pass) when what it needs is absent: a folder of shared data or a program.
/// Use <c>[SkipUnlessFact(Folder = …)]</c> or <c>[SkipUnlessFact(Program = "nu")]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class SkipUnlessFactAttribute : FactAttribute
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
