using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace Distribution.Core.Benchmarks;

/// <summary>
/// The timings of one create-bundle run (written by <c>create-bundle --timings FILE</c>, read by the benchmark):
/// every archive, cached or made, with its build and compression intervals. From them: how many builds and
/// compressions ran, and how long at least one of them was running (<see cref="Busy"/>), the rest of the run's wall
/// time being orchestration.
/// </summary>
public sealed record BuildTimings(ImmutableArray<JobTiming> Jobs)
{
    public int Builds => Jobs.Count(job => job.Work.Any(work => work.Kind == WorkKind.Build));

    public int Compressions => Jobs.Sum(job => job.Work.Count(work => work.Kind == WorkKind.Compress));

    public int FromCache => Jobs.Count(job => job.FromCache);

    /// <summary>The length of the union of every interval: the time during which a build or a compression was running.</summary>
    public TimeSpan Busy
    {
        get
        {
            var busy = TimeSpan.Zero;
            DateTimeOffset? start = null;
            DateTimeOffset end = default;
            foreach (var interval in Jobs.SelectMany(job => job.Work).OrderBy(work => work.Start))
            {
                if (start is null || interval.Start > end)
                {
                    if (start is { } open)
                    {
                        busy += end - open;
                    }

                    start = interval.Start;
                    end = interval.End;
                }
                else if (interval.End > end)
                {
                    end = interval.End;
                }
            }

            return start is { } last ? busy + (end - last) : busy;
        }
    }

    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("jobs");
            foreach (var job in Jobs)
            {
                writer.WriteStartObject();
                writer.WriteString("archive", job.Archive);
                writer.WriteBoolean("from-cache", job.FromCache);
                writer.WriteStartArray("work");
                foreach (var work in job.Work)
                {
                    writer.WriteStartObject();
                    writer.WriteString("kind", work.Kind == WorkKind.Build ? "build" : "compress");
                    writer.WriteString("start", work.Start.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
                    writer.WriteString("end", work.End.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Reads <see cref="ToJson"/>'s output; <see cref="FormatException"/> when it is not that.</summary>
    public static BuildTimings Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var jobs = ImmutableArray.CreateBuilder<JobTiming>();
            foreach (var job in document.RootElement.GetProperty("jobs").EnumerateArray())
            {
                var work = job.GetProperty("work").EnumerateArray().Select(item => new WorkInterval(
                    item.GetProperty("kind").GetString() switch
                    {
                        "build" => WorkKind.Build,
                        "compress" => WorkKind.Compress,
                        var other => throw new FormatException($"unknown work kind '{other}'"),
                    },
                    DateTimeOffset.Parse(
                        item.GetProperty("start").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                    DateTimeOffset.Parse(
                        item.GetProperty("end").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)));
                jobs.Add(new JobTiming(job.GetProperty("archive").GetString()!, job.GetProperty("from-cache").GetBoolean(), [.. work]));
            }

            return new BuildTimings(jobs.ToImmutable());
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"not a timings file: {exception.Message}", exception);
        }
    }
}
