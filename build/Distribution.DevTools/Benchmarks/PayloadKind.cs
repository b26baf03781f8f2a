namespace Distribution.DevTools.Benchmarks;

/// <summary>What a synthetic payload file looks like to a compressor.</summary>
public enum PayloadKind
{
    /// <summary>
    /// Source-like text: indented lines of words drawn from a skewed vocabulary, with numbers and punctuation (compresses about 4:1).
    /// </summary>
    Text,

    /// <summary>
    /// Executable-like binary: recurring instruction-like byte sequences with random operands and zero padding (compresses about 2:1).
    /// </summary>
    Binary,

    /// <summary>Already-compressed data (images, nested archives): uniformly random bytes that do not compress.</summary>
    Random,
}
