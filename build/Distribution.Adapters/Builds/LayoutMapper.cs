using System.Text.RegularExpressions;
using Distribution.Adapters.Archives;
using Distribution.Core.Diagnostics;
using Distribution.Core.Packaging;

namespace Distribution.Adapters.Builds;

/// <summary>
/// Turns a recipe's [[layout]] into archive entries: each rule's source (under the source or output folder) placed at its install path.
/// </summary>
public static class LayoutMapper
{
    public static IReadOnlyList<ArchiveEntry> Map(PackageJob job, string source, string output)
    {
        ArgumentNullException.ThrowIfNull(job);
        var entries = new List<ArchiveEntry>();
        foreach (var rule in job.Recipe.Layout)
        {
            var from = Path.GetFullPath(job.Expand(rule.From, source, output));
            var to = job.Expand(rule.To, source, output).Trim('/');
            if (!Inside(from, source) && !Inside(from, output))
            {
                throw Fail(
                    job,
                    $"layout source '{rule.From}' leaves the source and output folders",
                    "keep from = \"{source}/…\" or \"{output}/…\" without '..'");
            }

            var excluded = rule.Exclude.Select(Glob).ToList();
            var info = new FileInfo(from);
            if (Directory.Exists(from) && info.LinkTarget is null)
            {
                var prefixLength = to.Length == 0 ? 0 : to.Length + 1;
                entries.AddRange(DeterministicArchive.EntriesOf(from, to)
                    .Where(
                        entry => !entry.Path[prefixLength..].Split('/').Any(segment => excluded.Any(pattern => pattern.IsMatch(segment)))));
            }
            else if (File.Exists(from) || info.LinkTarget is not null)
            {
                if (to.Length == 0)
                {
                    throw Fail(
                        job, $"layout rule for '{rule.From}' has an empty destination", "give the file's install path: to = \"bin/NAME\"");
                }

                entries.Add(DeterministicArchive.EntryOf(info, to));
            }
            else if (!rule.Optional)
            {
                throw Fail(
                    job,
                    $"layout source '{rule.From}' does not exist (looked for {from})",
                    "fix the recipe's [[layout]] or mark the rule optional = true");
            }
        }

        return entries;
    }

    private static bool Inside(string path, string folder)
    {
        var root = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        return path == root || path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    private static Regex Glob(string pattern) =>
        new(
            "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.CultureInvariant);

    private static PackageBuildException Fail(PackageJob job, string message, string fix) =>
        new(Diagnostic.Error(DiagnosticCodes.Packaging.LayoutSourceMissing, $"{job.Display}: {message}", fix, job.Recipe.Location));
}
