using System.IO.Compression;
using Distribution.Core.Packaging;

namespace Distribution.Adapters.Archives;

/// <summary>
/// A write-only gzip stream that compresses fixed-size chunks in parallel, pigz-style, and whose bytes depend only
/// on the input: a fixed 10-byte header (no name, mtime 0, XFL 0, OS 3), then each chunk as raw deflate ended by a
/// sync flush (the last one by the final block), then CRC-32 (combined over the chunks) and ISIZE. Chunk
/// boundaries are fixed by <see cref="ChunkSize"/>, never by timing or the number of cores, so every machine
/// writes the same bytes. Call <see cref="FinishAsync"/> (or dispose) to write the end.
/// Like pigz, each chunk after the first is primed with the last <see cref="DictionarySize"/> bytes of the one
/// before (they are compressed first and their output dropped, so the chunk's matches may reach back into them, as
/// a decoder's window holds them): 0.15% smaller at levels 5 and 6 on the benchmark's payload. A chunk whose bytes are as evenly
/// spread as random data's (<see cref="IsIncompressible"/>: already-compressed files) is stored, not deflated.
/// The level is zlib-ng's (as .NET ships it), 1 to 9 in quarter steps (<see cref="DeflateLevel"/>: a quarter step sets
/// each chunk's whole level by its number); which one an archive gets is the recipe's or, by default,
/// <see cref="CompressionDefaults"/>' (docs/benchmark.md has the measured curve).
/// At most <c>parallelism</c> chunks are compressed at once, and <see cref="SpareChunks"/> more are in hand (queued): a
/// chunk that takes longer (a higher level, harder bytes) does not leave the other threads idle while the chunks before it are written.
/// </summary>
public sealed class ParallelGzipStream : Stream
{
    public const int DefaultChunkSize = 1 << 20;

    /// <summary>Bytes of the previous chunk each chunk is primed with: deflate's whole window.</summary>
    public const int DictionarySize = 32 * 1024;

    /// <summary>
    /// Order-0 entropy, in bits per byte, from which a chunk is stored: Huffman coding could save at most 0.125%
    /// of it, and uniformly random 1 MiB measures about 7.9998.
    /// </summary>
    public const double IncompressibleEntropy = 7.99;

    /// <summary>
    /// Chunks queued beyond those compressing: enough for a thread that finished early to start the next chunk while
    /// the oldest (a level-6 chunk among level-5 ones) still runs, without holding two chunks per thread in memory on
    /// a machine of many cores.
    /// </summary>
    public const int SpareChunks = 2;

    private static readonly byte[] Header = [0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03];

    private readonly Stream inner;
    private readonly bool leaveOpen;
    private readonly int parallelism;
    private readonly DeflateLevel level;
    private readonly TaskScheduler scheduler;
    private readonly Queue<Task<CompressedChunk>> pending = new();
    private readonly Stack<byte[]> spareInputs = new();
    private readonly Stack<MemoryStream> spareOutputs = new();
    private byte[] buffer;
    private byte[] previous = [];
    private int previousLength;
    private int filled;
    private long chunks;
    private CompressedChunk? retiring;
    private uint crc;
    private long total;
    private bool headerWritten;
    private bool finished;
    private bool faulted;

    public ParallelGzipStream(
        Stream inner,
        bool leaveOpen = false,
        int chunkSize = DefaultChunkSize,
        int parallelism = 0,
        DeflateLevel? level = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1024);
        this.inner = inner;
        this.leaveOpen = leaveOpen;
        this.parallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount;
        this.level = level ?? CompressionDefaults.OtherLevel;
        scheduler = new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, this.parallelism).ConcurrentScheduler;
        ChunkSize = chunkSize;
        buffer = new byte[chunkSize];
    }

    public int ChunkSize { get; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => !finished;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count), CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(finished, this);
        ThrowIfFaulted();
        while (source.Length > 0)
        {
            if (filled == buffer.Length)
            {
                await Guarded(DispatchAsync(final: false, cancellationToken)).ConfigureAwait(false);
            }

            var take = Math.Min(source.Length, buffer.Length - filled);
            source.Span[..take].CopyTo(buffer.AsSpan(filled));
            filled += take;
            source = source[take..];
        }
    }

    /// <summary>Compresses what is left, waits for every chunk and writes the trailer. The stream takes no more writes after it.</summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        if (finished)
        {
            return;
        }

        ThrowIfFaulted();
        await Guarded(DispatchAsync(final: true, cancellationToken)).ConfigureAwait(false);
        while (pending.Count > 0)
        {
            await Guarded(DrainOneAsync(cancellationToken)).ConfigureAwait(false);
        }

        var trailer = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(trailer, crc);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(trailer.AsSpan(4), unchecked((uint)total));
        await inner.WriteAsync(trailer, cancellationToken).ConfigureAwait(false);
        await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
        finished = true;
    }

    public override void Flush()
    {
        // Chunks are written as they complete; nothing to force before FinishAsync.
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>
    /// Finishes the stream (see <see cref="FinishAsync"/>), unless a write or the finish already failed: then only lets go.
    /// </summary>
    public override async ValueTask DisposeAsync()
    {
        if (!faulted)
        {
            await FinishAsync(CancellationToken.None).ConfigureAwait(false);
        }

        if (!leaveOpen)
        {
            await inner.DisposeAsync().ConfigureAwait(false);
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            if (!faulted)
            {
                FinishAsync(CancellationToken.None).GetAwaiter().GetResult();
            }

            if (!leaveOpen)
            {
                inner.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    /// <summary>
    /// Marks the stream failed when <paramref name="step"/> throws (a chunk's compression, the inner stream's write,
    /// cancellation): a chunk may be lost by then, so what follows would not be the input's gzip. Later writes and
    /// <see cref="FinishAsync"/> refuse, and disposing only lets go, so the first exception is the one callers see.
    /// </summary>
    private async Task Guarded(Task step)
    {
        try
        {
            await step.ConfigureAwait(false);
        }
        catch
        {
            faulted = true;
            throw;
        }
    }

    private void ThrowIfFaulted()
    {
        if (faulted)
        {
            throw new InvalidOperationException("the gzip stream failed earlier and its output is incomplete; start the archive again");
        }
    }

    /// <summary>
    /// Compresses one chunk as raw deflate: ended by a sync flush (00 00 FF FF) unless it is the last, which gets the
    /// final block. Primed with <paramref name="dictionary"/> (the end of the previous chunk's input); stored when
    /// <see cref="IsIncompressible"/>.
    /// </summary>
    internal static CompressedChunk Compress(
        byte[] data, int length, bool final, int level, ReadOnlySpan<byte> dictionary, MemoryStream? reuse = null)
    {
        var input = data.AsSpan(0, length);
        var effective = IsIncompressible(input) ? 0 : level;
        var output = reuse ?? new MemoryStream((length / 2) + 64);
        output.SetLength(0);
        var skip = 0;
        var end = 0;
        using (var deflate = new DeflateStream(output, new ZLibCompressionOptions { CompressionLevel = effective }, leaveOpen: true))
        {
            if (effective > 0 && !dictionary.IsEmpty)
            {
                // The dictionary's own output ends with a sync flush, on a byte boundary: the chunk's blocks follow it.
                deflate.Write(dictionary);
                deflate.Flush();
                skip = (int)output.Length;
            }

            deflate.Write(input);
            if (!final)
            {
                // Up to the sync flush: what disposing the stream adds after it (an empty final block) is not this chunk's.
                deflate.Flush();
                end = (int)output.Length;
            }
        }

        end = final ? (int)output.Length : end;
        return new CompressedChunk(output, skip, end, Crc32.Compute(input), data, length);
    }

    /// <summary>
    /// Whether a chunk's byte histogram is as flat as random data's (order-0 entropy ≥ <see cref="IncompressibleEntropy"/>):
    /// deflating it would spend the time of a level's match search to write stored blocks anyway.
    /// </summary>
    internal static bool IsIncompressible(ReadOnlySpan<byte> data)
    {
        if (data.Length < 64 * 1024)
        {
            return false;
        }

        Span<int> counts = stackalloc int[256];
        foreach (var value in data)
        {
            counts[value]++;
        }

        var entropy = 0.0;
        foreach (var count in counts)
        {
            if (count > 0)
            {
                var share = (double)count / data.Length;
                entropy -= share * Math.Log2(share);
            }
        }

        return entropy >= IncompressibleEntropy;
    }

    private async Task DispatchAsync(bool final, CancellationToken cancellationToken)
    {
        var data = buffer;
        var length = filled;
        var dictionaryLength = Math.Min(DictionarySize, previousLength);
        var dictionary = previous.AsMemory(previousLength - dictionaryLength, dictionaryLength);
        previous = data;
        previousLength = length;
        filled = 0;

        // The scheduler runs at most `parallelism` chunks at once; two more are queued, then the oldest is awaited.
        while (pending.Count >= parallelism + SpareChunks)
        {
            await DrainOneAsync(cancellationToken).ConfigureAwait(false);
        }

        buffer = final ? [] : spareInputs.TryPop(out var spare) ? spare : new byte[ChunkSize];
        var output = spareOutputs.TryPop(out var stream) ? stream : null;
        var chunkLevel = level.LevelOfChunk(chunks++);
        pending.Enqueue(Task.Factory.StartNew(
            () => Compress(data, length, final, chunkLevel, dictionary.Span, output),
            cancellationToken,
            TaskCreationOptions.DenyChildAttach,
            scheduler));
    }

    private async Task DrainOneAsync(CancellationToken cancellationToken)
    {
        var chunk = await pending.Dequeue().ConfigureAwait(false);
        if (!headerWritten)
        {
            await inner.WriteAsync(Header, cancellationToken).ConfigureAwait(false);
            headerWritten = true;
        }

        await inner.WriteAsync(chunk.Bytes, cancellationToken).ConfigureAwait(false);
        crc = Crc32.Combine(crc, chunk.Crc, chunk.InputLength);
        total += chunk.InputLength;

        // This chunk is done, so nothing reads the one before any more (this one was primed with its end): both of
        // that one's buffers go back for later chunks, which keeps the large-object heap, and the GC, out of the loop.
        if (retiring is { } done)
        {
            spareOutputs.Push(done.Output);
            if (done.Input.Length == ChunkSize)
            {
                spareInputs.Push(done.Input);
            }
        }

        retiring = chunk;
    }

    /// <summary>
    /// A compressed chunk: its deflate output is <see cref="Bytes"/>, the bytes of <see cref="Output"/> from
    /// <see cref="Skip"/> (after the priming's output) to <see cref="End"/>; <see cref="Input"/> is the buffer it was
    /// compressed from, reused once the chunk after it (which was primed from it) is done.
    /// </summary>
    internal sealed record CompressedChunk(MemoryStream Output, int Skip, int End, uint Crc, byte[] Input, int InputLength)
    {
        public ReadOnlyMemory<byte> Bytes => Output.GetBuffer().AsMemory(Skip, End - Skip);
    }
}
