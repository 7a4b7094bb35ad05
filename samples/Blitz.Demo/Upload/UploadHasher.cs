using System.Security.Cryptography;

namespace Blitz.Demo;

/// <summary>
/// The upload handler's sync work: SHA-256 over the whole upload, written back as lowercase hex, then the sync
/// write that records the upload under its digest. Both block the calling thread, which is why the method is
/// <c>[Blocking]</c>: the generator adds <c>HashAsync</c>, which runs it on Blitz's blocking pool.
/// </summary>
internal static partial class UploadHasher
{
    /// <summary>A SHA-256 digest as lowercase hex: 64 ASCII bytes.</summary>
    public const int HexDigestLength = SHA256.HashSizeInBytes * 2;

    /// <summary>Hashes <paramref name="upload"/>, writes the hex digest to <paramref name="hexDigest"/>, stores it.</summary>
    /// <param name="upload">The upload, in the server's pooled buffer.</param>
    /// <param name="hexDigest">Receives the digest as <see cref="HexDigestLength"/> lowercase hex ASCII bytes.</param>
    /// <param name="storeMs">How long the sync storage write blocks; see <see cref="SyncStorage"/>.</param>
    /// <returns>The number of bytes written to <paramref name="hexDigest"/>.</returns>
    [Blocking]
    public static int Hash(ReadOnlyMemory<byte> upload, Memory<byte> hexDigest, int storeMs)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(upload.Span, digest);
        if (!Convert.TryToHexStringLower(digest, hexDigest.Span, out int written))
        {
            throw new ArgumentException($"The digest needs {HexDigestLength} bytes.", nameof(hexDigest));
        }

        SyncStorage.Write(storeMs);
        return written;
    }
}
