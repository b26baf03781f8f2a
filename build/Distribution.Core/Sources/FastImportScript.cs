using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Distribution.Core.Diagnostics;

namespace Distribution.Core.Sources;

/// <summary>
/// Turns a <see cref="SampleHistory"/> into a <c>git fast-import</c> stream: every commit with its author as
/// committer, its date as both dates, its full file contents inline, and a lightweight tag per tag. The stream
/// depends only on the history and the files, so the commit ids are the same on every machine.
/// </summary>
public static class FastImportScript
{
    private const string RegularMode = "100644";
    private const string ExecutableMode = "100755";
    private const string SymlinkMode = "120000";
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Renders the stream; <paramref name="files"/> holds the contents of <see cref="SampleHistory.SourceFiles"/>.</summary>
    public static byte[] Render(SampleHistory history, IReadOnlyDictionary<string, byte[]> files, string file)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(files);
        var diagnostics = new List<Diagnostic>();
        using var output = new MemoryStream();
        var branches = new Dictionary<string, BranchState>(StringComparer.Ordinal);
        var mark = 0;
        foreach (var commit in history.Commits)
        {
            mark++;
            if (!branches.TryGetValue(commit.Branch, out var branch))
            {
                branch = branches.TryGetValue(history.MainBranch, out var main) && commit.Branch != history.MainBranch
                    ? main.Fork()
                    : new BranchState();
                branches[commit.Branch] = branch;
            }

            var changes = new List<byte[]>();
            BranchState? merged = null;
            if (commit.Merge is not null && branches.TryGetValue(commit.Merge, out merged))
            {
                foreach (var path in merged.ChangedSinceFork.Order(StringComparer.Ordinal))
                {
                    if (merged.Files.TryGetValue(path, out var entry))
                    {
                        branch.Set(path, entry);
                        changes.Add(Modify(path, entry));
                    }
                    else if (branch.Remove(path))
                    {
                        changes.Add(Utf8.GetBytes($"D {path}\n"));
                    }
                }
            }

            foreach (var change in commit.Changes)
            {
                if (Apply(branch, change, files, commit.Location, file, diagnostics) is { } line)
                {
                    changes.Add(line);
                }
            }

            Write(output, $"commit refs/heads/{commit.Branch}\nmark :{mark.ToString(CultureInfo.InvariantCulture)}\n");
            var identity = $"{commit.Author} {commit.Date.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)} "
                + $"{Offset(commit.Date.Offset)}";
            Write(output, $"author {identity}\ncommitter {identity}\n");
            WriteData(output, Utf8.GetBytes(commit.Message.TrimEnd() + "\n"));
            if (branch.Head > 0)
            {
                Write(output, $"from :{branch.Head.ToString(CultureInfo.InvariantCulture)}\n");
            }

            if (merged is not null)
            {
                Write(output, $"merge :{merged.Head.ToString(CultureInfo.InvariantCulture)}\n");
            }

            foreach (var line in changes)
            {
                output.Write(line);
            }

            Write(output, "\n");
            branch.Head = mark;
            foreach (var tag in commit.Tags)
            {
                Write(output, $"reset refs/tags/{tag}\nfrom :{mark.ToString(CultureInfo.InvariantCulture)}\n\n");
            }
        }

        if (diagnostics.Count > 0)
        {
            throw new UserErrorException(diagnostics);
        }

        Write(output, "done\n");
        return output.ToArray();
    }

    private static byte[]? Apply(
        BranchState branch,
        SampleFileChange change,
        IReadOnlyDictionary<string, byte[]> files,
        SourceLocation where,
        string file,
        List<Diagnostic> diagnostics)
    {
        var location = where.File.Length > 0 ? where : where with { File = file };
        FileEntry entry;
        switch (change.Kind)
        {
            case SampleChangeKind.Delete:
                if (!branch.Remove(change.Path))
                {
                    diagnostics.Add(Diagnostic.Error(
                        DiagnosticCodes.Sources.SampleBadChange,
                        $"delete of '{change.Path}', which does not exist on this branch",
                        "delete only files an earlier commit wrote",
                        location));
                }

                return Utf8.GetBytes($"D {change.Path}\n");
            case SampleChangeKind.Write or SampleChangeKind.WriteExecutable:
                if (!files.TryGetValue(change.Path, out var content))
                {
                    diagnostics.Add(Diagnostic.Error(
                        DiagnosticCodes.Sources.SampleFileMissing,
                        $"'{change.Path}' is not in the sample's files/ folder",
                        "add the file under files/ or fix the path",
                        location));
                    return null;
                }

                entry = new FileEntry(content, change.Kind == SampleChangeKind.WriteExecutable ? ExecutableMode : RegularMode);
                break;
            case SampleChangeKind.Inline:
                var mode = branch.Files.TryGetValue(change.Path, out var existing) && existing.Mode == ExecutableMode
                    ? ExecutableMode
                    : RegularMode;
                entry = new FileEntry(Utf8.GetBytes(change.Text), mode);
                break;
            case SampleChangeKind.Append:
                if (!branch.Files.TryGetValue(change.Path, out var current) || current.Mode == SymlinkMode)
                {
                    diagnostics.Add(Diagnostic.Error(
                        DiagnosticCodes.Sources.SampleBadChange,
                        $"append to '{change.Path}', which is not a file on this branch",
                        "append only to files an earlier commit wrote",
                        location));
                    return null;
                }

                entry = new FileEntry([.. current.Content, .. Utf8.GetBytes(change.Text)], current.Mode);
                break;
            default:
                entry = new FileEntry(Utf8.GetBytes(change.Text), SymlinkMode);
                break;
        }

        branch.Set(change.Path, entry);
        return Modify(change.Path, entry);
    }

    private static byte[] Modify(string path, FileEntry entry)
    {
        using var text = new MemoryStream();
        Write(text, $"M {entry.Mode} inline {path}\n");
        WriteData(text, entry.Content);
        return text.ToArray();
    }

    private static void WriteData(Stream output, byte[] data)
    {
        Write(output, $"data {data.Length.ToString(CultureInfo.InvariantCulture)}\n");
        output.Write(data);
        Write(output, "\n");
    }

    private static void Write(Stream output, string text) => output.Write(Utf8.GetBytes(text));

    private static string Offset(TimeSpan offset)
    {
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var absolute = offset.Duration();
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{absolute.Hours:00}{absolute.Minutes:00}");
    }

    private sealed record FileEntry(byte[] Content, string Mode);

    private sealed class BranchState
    {
        public Dictionary<string, FileEntry> Files { get; private init; } = new(StringComparer.Ordinal);

        public HashSet<string> ChangedSinceFork { get; } = new(StringComparer.Ordinal);

        public int Head { get; set; }

        public BranchState Fork() => new() { Files = new Dictionary<string, FileEntry>(Files, StringComparer.Ordinal), Head = Head };

        public void Set(string path, FileEntry entry)
        {
            Files[path] = entry;
            ChangedSinceFork.Add(path);
        }

        public bool Remove(string path)
        {
            ChangedSinceFork.Add(path);
            return Files.Remove(path);
        }
    }
}
