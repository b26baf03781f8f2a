using System.Text;

namespace Distribution.DevTools.Benchmarks;

/// <summary>
/// Deterministic synthetic file contents for the benchmark: the same kind, size and seed give the same bytes on
/// every machine and runtime (a xorshift64* generator of our own, not <see cref="System.Random"/>, whose algorithm is
/// not promised). Pure: it allocates and computes, nothing else.
/// </summary>
public static class SyntheticPayload
{
    private static readonly string[] Syllables =
    [
        "pro", "vi", "sion", "ing", "con", "fig", "ser", "ver", "clus", "ter", "node", "net", "work", "stor", "age",
        "de", "ploy", "ment", "task", "run", "time", "ex", "ten", "sion", "ma", "ni", "fest", "ver", "sion", "lock",
        "tem", "plate", "work", "space", "or", "ches", "tra", "tor", "con", "trol", "cen", "ter", "kcl", "nu", "lib",
    ];

    private static readonly string[] Punctuation = [" = ", ", ", "(", ")", ": ", " { ", " }", ".", " -> ", "; "];

    /// <summary>Fills <paramref name="destination"/> with payload of <paramref name="kind"/> seeded by <paramref name="seed"/>.</summary>
    public static void Fill(Span<byte> destination, PayloadKind kind, ulong seed)
    {
        var random = new Generator(seed);
        switch (kind)
        {
            case PayloadKind.Random:
                FillRandom(destination, ref random);
                break;
            case PayloadKind.Binary:
                FillBinary(destination, ref random);
                break;
            default:
                FillText(destination, ref random);
                break;
        }
    }

    /// <summary>A new array of <paramref name="size"/> bytes of payload.</summary>
    public static byte[] Create(PayloadKind kind, int size, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var bytes = new byte[size];
        Fill(bytes, kind, seed);
        return bytes;
    }

    private static void FillRandom(Span<byte> destination, ref Generator random)
    {
        var index = 0;
        while (index + 8 <= destination.Length)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(destination[index..], random.Next());
            index += 8;
        }

        while (index < destination.Length)
        {
            destination[index++] = (byte)random.Next();
        }
    }

    private static void FillBinary(Span<byte> destination, ref Generator random)
    {
        // A fixed set of "instructions" per file, used with a skewed frequency, as machine code is.
        var instructions = new byte[64][];
        for (var i = 0; i < instructions.Length; i++)
        {
            instructions[i] = new byte[2 + (int)(random.Next() % 7)];
            FillRandom(instructions[i], ref random);
        }

        var operand = new byte[4];
        var padding = new byte[32];
        var index = 0;
        while (index < destination.Length)
        {
            var roll = random.Next() % 100;
            ReadOnlySpan<byte> piece;
            if (roll < 70)
            {
                piece = instructions[Skewed(ref random, instructions.Length)];
            }
            else if (roll < 92)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(operand, (uint)random.Next());
                piece = operand;
            }
            else
            {
                piece = padding.AsSpan(0, 4 + (int)(random.Next() % 28));
            }

            var take = Math.Min(piece.Length, destination.Length - index);
            piece[..take].CopyTo(destination[index..]);
            index += take;
        }
    }

    private static void FillText(Span<byte> destination, ref Generator random)
    {
        var words = new string[512];
        for (var i = 0; i < words.Length; i++)
        {
            var word = new StringBuilder();
            var parts = 1 + (int)(random.Next() % 3);
            for (var part = 0; part < parts; part++)
            {
                word.Append(Syllables[random.Next() % (ulong)Syllables.Length]);
            }

            words[i] = word.ToString();
        }

        var index = 0;
        var line = new StringBuilder();
        while (index < destination.Length)
        {
            line.Clear().Append(' ', 4 * (int)(random.Next() % 4));
            var count = 3 + (int)(random.Next() % 9);
            for (var i = 0; i < count; i++)
            {
                if (random.Next() % 8 == 0)
                {
                    line.Append(random.Next() % 100000);
                }
                else
                {
                    line.Append(words[Skewed(ref random, words.Length)]);
                }

                line.Append(i + 1 < count ? Punctuation[random.Next() % (ulong)Punctuation.Length] : "\n");
            }

            var bytes = Encoding.ASCII.GetBytes(line.ToString());
            var take = Math.Min(bytes.Length, destination.Length - index);
            bytes.AsSpan(0, take).CopyTo(destination[index..]);
            index += take;
        }
    }

    /// <summary>An index below <paramref name="count"/>, small ones far more often (the least of three draws).</summary>
    private static int Skewed(ref Generator random, int count)
    {
        var limit = (ulong)count;
        return (int)Math.Min(random.Next() % limit, Math.Min(random.Next() % limit, random.Next() % limit));
    }

    /// <summary>xorshift64*: small, fast, and the same everywhere.</summary>
    private struct Generator(ulong seed)
    {
        private ulong state = seed == 0 ? 0x9E3779B97F4A7C15UL : seed;

        public ulong Next()
        {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            return state * 0x2545F4914F6CDD1DUL;
        }
    }
}
