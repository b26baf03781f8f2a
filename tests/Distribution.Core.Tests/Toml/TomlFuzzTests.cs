using System.Text;
using Distribution.Core.Toml;
using Distribution.Testing;

namespace Distribution.Core.Tests.Toml;

/// <summary>
/// Seeded, bounded mutation of the valid conformance files: every mutant gives a document or diagnostics, never
/// another exception; strict and tolerant agree; what parses also survives a write/parse round trip. Each mutant
/// is parsed under a <see cref="HangGuard"/>: one that does not finish in 10 s fails the test naming the seed, the
/// iteration and the input.
/// </summary>
public sealed class TomlFuzzTests
{
    private const int Seed = 20_261_121;
    private const int Iterations = 6_000;
    private const string Alphabet = "[]{}=\"'.,#\\\n\r\t _-+:0179aeEfinxzTZ\u00e9\u0000\u007f\uFEFF\uD83D\uDE00";
    private static readonly string[] Snippets = [
        "[a]\n", "x = 1\n", "[[a]]\n", "a.b = 2\n", "\"\"\"", "'''", "{ c = [", "]]", "1979-05-27T", "0x", "1e", "\\u00", "\r\n"];

    [SkipUnlessFact(Folder = TomlSuite.Folder)]
    public void Mutated_valid_files_give_a_document_or_diagnostics_and_never_another_exception()
    {
        var random = new Random(Seed);
        var files = TomlSuite.Cases("valid").Select(name => File.ReadAllText(TomlSuite.FullPath(name))).ToList();

        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            var text = files[random.Next(files.Count)];
            var mutations = 1 + random.Next(3);
            for (var count = 0; count < mutations; count++)
            {
                text = Mutate(text, random);
            }

            HangGuard.Run(() => Check(text, iteration), () => $"seed {Seed}, iteration {iteration}, parsing:\n{Escape(text)}");
        }
    }

    [SkipUnlessFact(Folder = TomlSuite.Folder)]
    public void Files_with_random_bytes_flipped_give_a_document_or_diagnostics()
    {
        var random = new Random(Seed + 1);
        var files = TomlSuite.Cases("valid")
            .Select(name => File.ReadAllBytes(TomlSuite.FullPath(name)))
            .Where(bytes => bytes.Length > 0)
            .ToList();

        for (var iteration = 0; iteration < 2_000; iteration++)
        {
            var bytes = files[random.Next(files.Count)].ToArray();
            bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            HangGuard.Run(
                () => CheckBytes(bytes, iteration),
                () => $"seed {Seed + 1}, iteration {iteration}, parsing the bytes (base64) {Convert.ToBase64String(bytes)}");
        }
    }

    [Fact]
    public void The_hang_guard_fails_naming_the_input_when_a_parse_does_not_finish()
    {
        using var release = new ManualResetEventSlim();
        try
        {
            var failure = Assert.ThrowsAny<Exception>(() => HangGuard.Run(
                () => release.Wait(), () => "seed 7, iteration 3, parsing: a = [", TimeSpan.FromMilliseconds(200)));

            Assert.Equal("did not finish within 0.2 s (a hang): seed 7, iteration 3, parsing: a = [", failure.Message);
        }
        finally
        {
            release.Set();
        }
    }

    [Fact]
    public void The_hang_guard_passes_on_what_the_work_threw()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => HangGuard.Run(
            () => throw new InvalidOperationException("inner"), () => "input"));

        Assert.Equal("inner", failure.Message);
        HangGuard.Run(() => { }, () => "input");
    }

    private static void CheckBytes(byte[] bytes, int iteration)
    {
        var tolerant = Run(() => TomlParser.ParseTolerant(bytes, "fuzz.toml"), iteration, Convert.ToBase64String(bytes));
        TomlTable? strict = null;
        try
        {
            strict = TomlParser.Parse(bytes, "fuzz.toml");
        }
        catch (TomlException)
        {
        }

        Assert.True(
            tolerant.Diagnostics.IsEmpty == strict is not null,
            $"iteration {iteration}: strict and tolerant disagree on {Convert.ToBase64String(bytes)}");
    }

    private static void Check(string text, int iteration)
    {
        var tolerant = Run(() => TomlParser.ParseTolerant(text, "fuzz.toml"), iteration, text);
        TomlTable? strict = null;
        TomlException? error = null;
        try
        {
            strict = TomlParser.Parse(text, "fuzz.toml");
        }
        catch (TomlException exception)
        {
            error = exception;
        }
        catch (Exception exception)
        {
            Assert.Fail($"iteration {iteration}: strict parse threw {exception} for:\n{Escape(text)}");
        }

        if (strict is null)
        {
            Assert.True(
                !tolerant.Diagnostics.IsEmpty,
                $"iteration {iteration}: strict failed ({error!.Message}) but tolerant did not:\n{Escape(text)}");
            Assert.Equal(error!.Diagnostic, tolerant.Diagnostics[0]);
            return;
        }

        if (!tolerant.Diagnostics.IsEmpty)
        {
            Assert.Fail($"iteration {iteration}: tolerant reported {tolerant.Diagnostics[0]} but strict parsed:\n{Escape(text)}");
        }

        Assert.Equal(strict, tolerant.Document);
        var written = Run(() => TomlWriter.Write(strict), iteration, text);
        var reread = Run(() => TomlParser.Parse(written, "written.toml"), iteration, text + "\n--- written ---\n" + written);
        Assert.True(strict.Equals(reread), $"iteration {iteration}: round trip differs for:\n{Escape(text)}\n--- written ---\n{written}");
    }

    private static T Run<T>(Func<T> action, int iteration, string input)
    {
        try
        {
            return action();
        }
        catch (Exception exception)
        {
            Assert.Fail($"iteration {iteration}: {exception}\nfor:\n{Escape(input)}");
            throw;
        }
    }

    private static string Mutate(string text, Random random)
    {
        var at = text.Length == 0 ? 0 : random.Next(text.Length + 1);
        switch (random.Next(7))
        {
            case 0:
                return text.Insert(at, Alphabet[random.Next(Alphabet.Length)].ToString());
            case 1:
                return at >= text.Length ? text : text.Remove(at, Math.Min(1 + random.Next(3), text.Length - at));
            case 2:
            {
                var lines = text.Split('\n').ToList();
                var line = random.Next(lines.Count);
                lines.Insert(random.Next(lines.Count + 1), lines[line]);
                return string.Join('\n', lines);
            }

            case 3:
                if (at + 1 >= text.Length)
                {
                    return text;
                }

                var chars = text.ToCharArray();
                (chars[at], chars[at + 1]) = (chars[at + 1], chars[at]);
                return new string(chars);
            case 4:
                return text[..at];
            case 5:
                return at >= text.Length ? text : text.Remove(at, 1).Insert(at, Alphabet[random.Next(Alphabet.Length)].ToString());
            default:
                return text.Insert(at, Snippets[random.Next(Snippets.Length)]);
        }
    }

    private static string Escape(string text)
    {
        var escaped = new StringBuilder();
        foreach (var c in text)
        {
            escaped.Append(c is '\n' or '\t' || (c >= 0x20 && c < 0x7F) ? c.ToString() : $"\\u{(int)c:X4}");
        }

        return escaped.ToString();
    }
}
