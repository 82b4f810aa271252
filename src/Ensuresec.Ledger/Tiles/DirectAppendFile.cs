using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Ensuresec.Ledger.Tiles;

/// <summary>
/// An append-only file written in whole blocks with direct I/O (O_DIRECT) where the system allows it: the bytes go from
/// our buffer to the disk without a copy into the page cache, which on a virtual machine costs more CPU than hashing
/// them (each new page-cache page is a fault on the host). Writes start at a multiple of <see cref="Alignment"/> and
/// cover whole blocks; elsewhere (another system, a file system without O_DIRECT, an unaligned length) the same writes
/// go through the page cache. <see cref="Sync"/> makes everything written durable (fdatasync).
/// </summary>
internal sealed partial class DirectAppendFile : IDisposable
{
    /// <summary>Block size of direct writes (the largest logical block size of common disks).</summary>
    public const int Alignment = 4096;

    private readonly string _path;
    private SafeFileHandle _handle;

    private DirectAppendFile(string path, SafeFileHandle handle, bool direct, long length)
    {
        _path = path;
        _handle = handle;
        Direct = direct;
        Length = length;
    }

    /// <summary>True when writes bypass the page cache.</summary>
    public bool Direct { get; private set; }

    public long Length { get; private set; }

    /// <summary>Opens <paramref name="path"/> to append from <paramref name="length"/> (bytes past it are cut off, durably).</summary>
    public static DirectAppendFile Open(string path, long length)
    {
        SafeFileHandle? handle = length % Alignment == 0 ? OpenDirect(path) : null;
        bool direct = handle is not null;
        handle ??= File.OpenHandle(path, FileMode.Open, FileAccess.Write, FileShare.Read);
        var file = new DirectAppendFile(path, handle, direct, length);
        if (RandomAccess.GetLength(handle) != length) file.Truncate(length);
        return file;
    }

    /// <summary>Appends whole blocks from an aligned buffer (not yet durable).</summary>
    public void Append(AlignedBuffer blocks)
    {
        if (blocks.Length % Alignment != 0) throw new ArgumentException("direct writes cover whole blocks", nameof(blocks));
        try
        {
            RandomAccess.Write(_handle, blocks.Written, Length);
        }
        catch (IOException) when (Direct)
        {
            // Some file systems accept O_DIRECT at open and refuse the write: the page cache then.
            _handle.Dispose();
            _handle = File.OpenHandle(_path, FileMode.Open, FileAccess.Write, FileShare.Read);
            Direct = false;
            RandomAccess.SetLength(_handle, Length);
            RandomAccess.Write(_handle, blocks.Written, Length);
        }

        Length += blocks.Length;
    }

    /// <summary>Every byte appended so far is on the disk when this returns.</summary>
    public void Sync()
    {
        if (OperatingSystem.IsLinux())
        {
            if (Native.FdataSync(_handle) != 0) throw new IOException($"fdatasync failed (errno {Marshal.GetLastPInvokeError()})");
            return;
        }

        using var stream = new FileStream(_handle, FileAccess.Write, bufferSize: 0);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Cuts the file back to <paramref name="length"/>, durably.</summary>
    public void Truncate(long length)
    {
        RandomAccess.SetLength(_handle, length);
        Length = length;
        Sync();
    }

    public void Dispose() => _handle.Dispose();

    private static SafeFileHandle? OpenDirect(string path)
    {
        if (!OperatingSystem.IsLinux()) return null;
        int direct = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 or Architecture.X86 => 0x4000,
            Architecture.Arm64 or Architecture.Arm => 0x10000,
            _ => 0,
        };
        if (direct == 0) return null;
        const int WriteOnly = 1, CloseOnExec = 0x80000;
        int fd = Native.Open(path, WriteOnly | CloseOnExec | direct);
        return fd < 0 ? null : new SafeFileHandle(fd, ownsHandle: true);
    }

    private static partial class Native
    {
        [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int Open(string path, int flags);

        [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
        internal static partial int FdataSync(SafeFileHandle fd);
    }
}

/// <summary>A growable buffer in native memory aligned to <see cref="DirectAppendFile.Alignment"/> (direct I/O needs aligned memory).</summary>
internal sealed unsafe class AlignedBuffer : IDisposable
{
    private byte* _start;
    private int _capacity;

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => new(_start, Length);

    /// <summary>The next <paramref name="count"/> bytes, to be filled by the caller.</summary>
    public Span<byte> Reserve(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        long needed = (long)Length + count;
        if (needed > _capacity) Grow(needed);
        var span = new Span<byte>(_start + Length, count);
        Length += count;
        return span;
    }

    public void Clear() => Length = 0;

    ~AlignedBuffer() => Free();

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    private void Free()
    {
        if (_start is not null) NativeMemory.AlignedFree(_start);
        _start = null;
        _capacity = 0;
        Length = 0;
    }

    private void Grow(long needed)
    {
        if (needed > int.MaxValue - DirectAppendFile.Alignment) throw new ArgumentException("a buffer holds less than 2 GiB");
        long capacity = Math.Max(needed, Math.Min(2L * _capacity, int.MaxValue - DirectAppendFile.Alignment));
        capacity = (capacity + DirectAppendFile.Alignment - 1) / DirectAppendFile.Alignment * DirectAppendFile.Alignment;
        var start = (byte*)NativeMemory.AlignedAlloc((nuint)capacity, DirectAppendFile.Alignment);
        if (_start is not null)
        {
            Buffer.MemoryCopy(_start, start, capacity, Length);
            NativeMemory.AlignedFree(_start);
        }

        _start = start;
        _capacity = (int)capacity;
    }
}
