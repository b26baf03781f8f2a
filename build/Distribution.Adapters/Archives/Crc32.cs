namespace Distribution.Adapters.Archives;

/// <summary>
/// CRC-32 as gzip uses it (IEEE 802.3, reflected polynomial 0xEDB88320): <see cref="Compute"/> is System.IO.Hashing's
/// (vectorized, about 8 GB/s here against 1.6 GB/s for the slicing-by-8 table this class had before it was served),
/// and <see cref="Combine"/> is zlib's crc32_combine, which System.IO.Hashing lacks, so that chunks hashed in parallel
/// give the CRC of the whole.
/// </summary>
public static class Crc32
{
    private const uint Polynomial = 0xEDB88320u;

    public static uint Compute(ReadOnlySpan<byte> data) => System.IO.Hashing.Crc32.HashToUInt32(data);

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
}
