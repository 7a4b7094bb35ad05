using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Net.Sockets;

namespace Blitz.Demo;

/// <summary>
/// The wire format between the load generator and the server: the client sends a 4-byte little-endian length and
/// then the upload; the server answers with the SHA-256 digest as <see cref="UploadHasher.HexDigestLength"/>
/// lowercase hex ASCII bytes. A connection carries one upload after another.
/// </summary>
internal static class UploadProtocol
{
    public const int HeaderLength = sizeof(int);

    public static void WriteHeader(Span<byte> header, int uploadLength) =>
        BinaryPrimitives.WriteInt32LittleEndian(header, uploadLength);

    public static int ReadHeader(ReadOnlySpan<byte> header) => BinaryPrimitives.ReadInt32LittleEndian(header);

    /// <summary>
    /// Fills <paramref name="buffer"/> with async socket reads. Returns false if the peer closed the connection
    /// before sending anything (the end of its uploads); a close part-way through is an error.
    /// </summary>
    /// <remarks>Pooled builder: the server calls this twice per upload, and most calls wait for data.</remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<bool> ReceiveExactlyAsync(Socket socket, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        int received = 0;
        while (received < buffer.Length)
        {
            int read = await socket.ReceiveAsync(buffer[received..], SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                return received == 0
                    ? false
                    : throw new EndOfStreamException($"The connection closed after {received} of {buffer.Length} bytes.");
            }

            received += read;
        }

        return true;
    }

    /// <summary>The sync counterpart for the load generator's client threads, which are not ThreadPool threads.</summary>
    public static void ReceiveExactly(Socket socket, Span<byte> buffer)
    {
        int received = 0;
        while (received < buffer.Length)
        {
            int read = socket.Receive(buffer[received..]);
            if (read == 0)
            {
                throw new EndOfStreamException($"The server closed the connection after {received} of {buffer.Length} bytes.");
            }

            received += read;
        }
    }
}
