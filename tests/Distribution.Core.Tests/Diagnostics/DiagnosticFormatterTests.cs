using Distribution.Core.Diagnostics;
using Distribution.Testing;

namespace Distribution.Core.Tests.Diagnostics;

public sealed class DiagnosticFormatterTests
{
    [Fact]
    public void Error_with_position_renders_as_one_line_with_file_line_column_code_and_fix()
    {
        var diagnostic = Diagnostic.Error(
            "VM012",
            "platform 2.4.8 does not satisfy ^2.5",
            "use platform 2.5.x or widen the range",
            new SourceLocation("versions.toml", 12, 5));

        Assert.Equal(
            "versions.toml(12,5): error VM012: platform 2.4.8 does not satisfy ^2.5 — use platform 2.5.x or widen the range",
            DiagnosticFormatter.Format(diagnostic));
    }

    [Fact]
    public void Warning_without_location_or_fix_leaves_those_parts_out()
    {
        var diagnostic = Diagnostic.Warning("VM020", "bundle lts-3.1 expired on 2026-09-01", string.Empty);

        Assert.Equal("warning VM020: bundle lts-3.1 expired on 2026-09-01", DiagnosticFormatter.Format(diagnostic));
    }

    [Fact]
    public void Multi_line_messages_are_folded_into_one_line()
    {
        var diagnostic = Diagnostic.Error(
            "PD0100", "build failed:\nline one\r\nline two", "see above", SourceLocation.InFile("packaging/platform/recipe.toml"));

        Assert.Equal(
            "packaging/platform/recipe.toml: error PD0100: build failed: line one line two — see above",
            DiagnosticFormatter.Format(diagnostic));
    }

    [Fact]
    public void GitHub_annotation_escapes_properties_and_data()
    {
        var diagnostic = Diagnostic.Error("VM001", "100% wrong,\nreally", "fix: it", new SourceLocation("a,b:c.toml", 3, 7));

        Snapshot.Match(DiagnosticFormatter.FormatGitHubAnnotation(diagnostic));
    }
}
