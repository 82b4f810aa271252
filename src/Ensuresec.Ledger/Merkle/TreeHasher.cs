using System.Buffers;
using System.Security.Cryptography;

namespace Ensuresec.Ledger.Merkle;

/// <summary>RFC 6962 / RFC 9162 hashing with SHA-256: leaves are prefixed with 0x00, interior nodes with 0x01.</summary>
internal static class TreeHasher
{
    public const int HashSize = 32;

    /// <summary>The root of the empty tree: SHA-256 of nothing.</summary>
    public static byte[] EmptyRoot() => SHA256.HashData(ReadOnlySpan<byte>.Empty);

    public static byte[] HashLeaf(ReadOnlySpan<byte> data)
    {
        var hash = new byte[HashSize];
        HashLeaf(data, hash);
        return hash;
    }

    public static void HashLeaf(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        // One buffer and one hash call: the prefix and the data are hashed as one message.
        int length = data.Length + 1;
        byte[]? rented = length > 1024 ? ArrayPool<byte>.Shared.Rent(length) : null;
        Span<byte> buffer = rented is null ? stackalloc byte[length] : rented.AsSpan(0, length);
        buffer[0] = 0;
        data.CopyTo(buffer[1..]);
        Hash(buffer, destination);
        if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
    }

    // One reusable hash object per thread: SHA256.HashData sets up and frees the OpenSSL context on every call, which
    // costs about as much as hashing a node (the bench measures both ways).
    [ThreadStatic]
    private static IncrementalHash? _sha256;

    private static void Hash(ReadOnlySpan<byte> message, Span<byte> destination)
    {
        var sha256 = _sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha256.AppendData(message);
        sha256.GetHashAndReset(destination);
    }

    public static byte[] HashChildren(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var hash = new byte[HashSize];
        HashChildren(left, right, hash);
        return hash;
    }

    public static void HashChildren(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        int length = 1 + left.Length + right.Length;
        byte[]? rented = length > 1024 ? ArrayPool<byte>.Shared.Rent(length) : null;
        Span<byte> buffer = rented is null ? stackalloc byte[length] : rented.AsSpan(0, length);
        buffer[0] = 1;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + left.Length)..]);
        Hash(buffer, destination);
        if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
    }
}
