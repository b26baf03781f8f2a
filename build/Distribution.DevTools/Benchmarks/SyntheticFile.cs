namespace Distribution.DevTools.Benchmarks;

/// <summary>One payload file of the synthetic bundle: its path in its repository, and what and how much it holds.</summary>
public sealed record SyntheticFile(string Path, PayloadKind Kind, int Size, ulong Seed)
{
    public byte[] Contents() => SyntheticPayload.Create(Kind, Size, Seed);
}
