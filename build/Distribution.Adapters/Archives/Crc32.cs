namespace Distribution.Adapters.Archives;

/// <summary>
/// CRC-32 as gzip uses it (IEEE 802.3, reflected polynomial 0xEDB88320), slicing-by-8, plus
/// <see cref="Combine"/> (zlib's crc32_combine) so that chunks hashed in parallel give the CRC of the whole.
/// System.IO.Hashing is not on this project's feed, hence our own.
/// </summary>
public static class Crc32
{
    private const uint Polynomial = 0xEDB88320u;
    private static readonly uint[] Table = BuildTable();

    /// <summary>The CRC of <paramref name="data"/> continued from <paramref name="crc"/> (0 to start).</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        var table = Table;
        var c = ~crc;
        while (data.Length >= 8)
        {
            var one = (data[0] | ((uint)data[1] << 8) | ((uint)data[2] << 16) | ((uint)data[3] << 24)) ^ c;
            var two = data[4] | ((uint)data[5] << 8) | ((uint)data[6] << 16) | ((uint)data[7] << 24);
            c = table[(7 * 256) + (one & 0xFF)] ^ table[(6 * 256) + ((one >> 8) & 0xFF)]
                ^ table[(5 * 256) + ((one >> 16) & 0xFF)] ^ table[(4 * 256) + (one >> 24)]
                ^ table[(3 * 256) + (two & 0xFF)] ^ table[(2 * 256) + ((two >> 8) & 0xFF)]
                ^ table[256 + ((two >> 16) & 0xFF)] ^ table[two >> 24];
            data = data[8..];
        }

        foreach (var b in data)
        {
            c = table[(c ^ b) & 0xFF] ^ (c >> 8);
        }

        return ~c;
    }

    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>The CRC of A followed by B from the CRCs of A and B and the length of B.</summary>
    public static uint Combine(uint crcA, uint crcB, long lengthB)
    {
        if (lengthB <= 0)
        {
            return crcA;
        }

        var even = new uint[32];
        var odd = new uint[32];
        odd[0] = Polynomial;
        var row = 1u;
        for (var n = 1; n < 32; n++)
        {
            odd[n] = row;
            row <<= 1;
        }

        Square(even, odd);
        Square(odd, even);
        var crc = crcA;
        do
        {
            Square(even, odd);
            if ((lengthB & 1) != 0)
            {
                crc = Times(even, crc);
            }

            lengthB >>= 1;
            if (lengthB == 0)
            {
                break;
            }

            Square(odd, even);
            if ((lengthB & 1) != 0)
            {
                crc = Times(odd, crc);
            }

            lengthB >>= 1;
        }
        while (lengthB != 0);
        return crc ^ crcB;
    }

    private static uint Times(uint[] matrix, uint vector)
    {
        var sum = 0u;
        var index = 0;
        while (vector != 0)
        {
            if ((vector & 1) != 0)
            {
                sum ^= matrix[index];
            }

            vector >>= 1;
            index++;
        }

        return sum;
    }

    private static void Square(uint[] square, uint[] matrix)
    {
        for (var n = 0; n < 32; n++)
        {
            square[n] = Times(matrix, matrix[n]);
        }
    }

    private static uint[] BuildTable()
    {
        var table = new uint[8 * 256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? Polynomial ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        for (var n = 0; n < 256; n++)
        {
            var c = table[n];
            for (var slice = 1; slice < 8; slice++)
            {
                c = table[c & 0xFF] ^ (c >> 8);
                table[(slice * 256) + n] = c;
            }
        }

        return table;
    }
}
