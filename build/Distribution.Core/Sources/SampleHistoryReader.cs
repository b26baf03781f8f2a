using System.Collections.Immutable;
using Distribution.Core.Diagnostics;
using Distribution.Core.Toml;

namespace Distribution.Core.Sources;

/// <summary>
/// Reads a sample history (<c>samples/REPO/history.toml</c>, format in docs/sources.md) from its TOML document.
/// Every problem is reported with its place in the file (codes SRC001–SRC004).
/// </summary>
public static class SampleHistoryReader
{
    public static SampleHistory Read(TomlTable document, string file)
    {
        ArgumentNullException.ThrowIfNull(document);
        var diagnostics = new List<Diagnostic>();
        var mainBranch = document["branch"] is TomlString branchValue ? branchValue.Value : "main";
        var authors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (document["authors"] is TomlTable authorTable)
        {
            foreach (var entry in authorTable.Entries)
            {
                if (entry.Value is TomlString identity
                    && identity.Value.Contains('<', StringComparison.Ordinal)
                    && identity.Value.EndsWith('>'))
                {
                    authors[entry.Key] = identity.Value;
                }
                else
                {
                    diagnostics.Add(Error(
                        DiagnosticCodes.Sources.SampleHistory,
                        $"author '{entry.Key}' must be a string \"Name <email>\"",
                        "write it as ana = \"Ana Ruiz <ana@example.com>\"",
                        entry.Value.Location,
                        file));
                }
            }
        }

        var commits = ImmutableArray.CreateBuilder<SampleCommit>();
        if (document["commits"] is not TomlArray { Count: > 0 } commitArray)
        {
            diagnostics.Add(Error(
                DiagnosticCodes.Sources.SampleHistory,
                "the history has no [[commits]]",
                "add at least one [[commits]] table",
                document.Location,
                file));
            throw new UserErrorException(diagnostics);
        }

        var tags = new HashSet<string>(StringComparer.Ordinal);
        var branches = new HashSet<string>(StringComparer.Ordinal) { mainBranch };
        foreach (var item in commitArray.Items)
        {
            if (item is not TomlTable table)
            {
                diagnostics.Add(Error(
                    DiagnosticCodes.Sources.SampleHistory,
                    "each element of commits must be a table",
                    "use [[commits]] headers",
                    item.Location,
                    file));
                continue;
            }

            var where = table.Location.HasPosition ? table.Location : commitArray.Location;
            var authorKey = String(table, "author", file, diagnostics, where);
            var message = String(table, "message", file, diagnostics, where);
            DateTimeOffset date = default;
            if (table["date"] is TomlOffsetDateTime dateValue)
            {
                date = dateValue.Value;
            }
            else
            {
                diagnostics.Add(Error(
                    DiagnosticCodes.Sources.SampleHistory,
                    "a commit needs 'date', an offset date-time (2025-01-06T09:00:00+01:00)",
                    "add date = 2025-01-06T09:00:00+01:00",
                    table["date"]?.Location ?? where,
                    file));
            }

            var author = string.Empty;
            if (authorKey is not null && !authors.TryGetValue(authorKey, out author!))
            {
                diagnostics.Add(Error(
                    DiagnosticCodes.Sources.SampleUnknownAuthor,
                    $"unknown author '{authorKey}'",
                    $"add it to [authors] or use one of: {string.Join(", ", authors.Keys.Order(StringComparer.Ordinal))}",
                    table["author"]!.Location,
                    file));
                author = string.Empty;
            }

            var branch = table["branch"] is TomlString commitBranch ? commitBranch.Value : mainBranch;
            branches.Add(branch);
            string? merge = null;
            if (table["merge"] is TomlString mergeValue)
            {
                merge = mergeValue.Value;
                if (!branches.Contains(merge) || merge == branch)
                {
                    diagnostics.Add(Error(
                        DiagnosticCodes.Sources.SampleBadChange,
                        $"merge of branch '{merge}', which has no commits before this one",
                        "merge a branch after its commits",
                        mergeValue.Location,
                        file));
                }
            }

            var commitTags = Strings(table, "tags", file, diagnostics);
            foreach (var tag in commitTags)
            {
                if (!tags.Add(tag))
                {
                    diagnostics.Add(Error(
                        DiagnosticCodes.Sources.SampleDuplicateTag,
                        $"tag '{tag}' is given to two commits",
                        "give each tag to one commit",
                        table["tags"]!.Location,
                        file));
                }
            }

            var changes = ImmutableArray.CreateBuilder<SampleFileChange>();
            changes.AddRange(
                Strings(table, "delete", file, diagnostics).Select(path => new SampleFileChange(SampleChangeKind.Delete, path)));
            changes.AddRange(Strings(table, "write", file, diagnostics).Select(path => new SampleFileChange(SampleChangeKind.Write, path)));
            changes.AddRange(
                Strings(table, "executables", file, diagnostics).Select(
                    path => new SampleFileChange(SampleChangeKind.WriteExecutable, path)));
            changes.AddRange(Texts(table, "inline", SampleChangeKind.Inline, file, diagnostics));
            changes.AddRange(Texts(table, "append", SampleChangeKind.Append, file, diagnostics));
            changes.AddRange(Texts(table, "symlinks", SampleChangeKind.Symlink, file, diagnostics));
            foreach (var change in changes)
            {
                if (!IsSafePath(change.Path))
                {
                    diagnostics.Add(Error(
                        DiagnosticCodes.Sources.SampleHistory,
                        $"path '{change.Path}' must be relative, with '/' separators and no '.' or '..' parts",
                        "name files as they are in the repository: nulib/status.nu",
                        where,
                        file));
                }
            }

            commits.Add(new SampleCommit(author, date, message ?? string.Empty, branch, merge, commitTags, changes.ToImmutable(), where));
        }

        if (diagnostics.Count > 0)
        {
            throw new UserErrorException(diagnostics);
        }

        return new SampleHistory(mainBranch, commits.ToImmutable());
    }

    private static bool IsSafePath(string path) =>
        path.Length > 0 && !path.StartsWith('/') && !path.Contains('\\', StringComparison.Ordinal)
        && path.Split('/').All(part => part.Length > 0 && part != "." && part != ".." && part != ".git");

    private static string? String(TomlTable table, string key, string file, List<Diagnostic> diagnostics, SourceLocation where)
    {
        if (table[key] is TomlString value)
        {
            return value.Value;
        }

        diagnostics.Add(Error(
            DiagnosticCodes.Sources.SampleHistory,
            $"a commit needs '{key}', a string",
            $"add {key} = \"…\"",
            table[key]?.Location ?? where,
            file));
        return null;
    }

    private static ImmutableArray<string> Strings(TomlTable table, string key, string file, List<Diagnostic> diagnostics)
    {
        if (table[key] is null)
        {
            return [];
        }

        if (table[key] is TomlArray array && array.Items.All(item => item is TomlString))
        {
            return [.. array.Items.Cast<TomlString>().Select(item => item.Value)];
        }

        diagnostics.Add(Error(
            DiagnosticCodes.Sources.SampleHistory,
            $"'{key}' must be an array of strings",
            $"write {key} = [\"path\", …]",
            table[key]!.Location,
            file));
        return [];
    }

    private static IEnumerable<SampleFileChange> Texts(
        TomlTable table, string key, SampleChangeKind kind, string file, List<Diagnostic> diagnostics)
    {
        if (table[key] is null)
        {
            yield break;
        }

        if (table[key] is not TomlTable texts)
        {
            diagnostics.Add(Error(
                DiagnosticCodes.Sources.SampleHistory,
                $"'{key}' must be a table of path = text",
                $"write [commits.{key}] followed by \"path\" = '''…'''",
                table[key]!.Location,
                file));
            yield break;
        }

        foreach (var entry in texts.Entries)
        {
            if (entry.Value is TomlString text)
            {
                yield return new SampleFileChange(kind, entry.Key, text.Value);
            }
            else
            {
                diagnostics.Add(Error(
                    DiagnosticCodes.Sources.SampleHistory,
                    $"'{entry.Key}' in [commits.{key}] must be a string",
                    "give the text as a string",
                    entry.Value.Location,
                    file));
            }
        }
    }

    private static Diagnostic Error(string code, string message, string fix, SourceLocation location, string file) =>
        Diagnostic.Error(code, message, fix, location.File.Length > 0 ? location : location with { File = file });
}
