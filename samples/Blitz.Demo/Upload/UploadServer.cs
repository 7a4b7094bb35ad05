using System.Buffers;
using System.Net;
using System.Net.Sockets;

namespace Blitz.Demo;

/// <summary>
/// The server under test: a TCP listener on 127.0.0.1 whose connections run as ordinary async methods on the
/// ThreadPool. Each upload is read with async socket reads into a pooled buffer, hashed where the mode says, and
/// answered with its hex digest. Only the hashing line differs between modes.
/// </summary>
internal sealed class UploadServer : IDisposable
{
    private readonly Mode _mode;
    private readonly int _maxUploadBytes;
    private readonly int _storeMs;
    private readonly Socket _listener;
    private readonly ArrayPool<byte> _buffers;
    private readonly CancellationTokenSource _stopping = new();
    private int _faulted;
    private string? _firstError;

    public UploadServer(Mode mode, UploadSettings settings)
    {
        _mode = mode;
        _maxUploadBytes = settings.MaxUploadBytes;
        _storeMs = settings.StoreMs;
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(settings.Clients);

        // One buffer per connection at most (a connection carries one upload at a time). Renting each once up front
        // keeps the pool's first allocations out of the per-request figure: in steady state a rent allocates nothing.
        _buffers = ArrayPool<byte>.Create(_maxUploadBytes, settings.Clients);
        var rented = Enumerable.Range(0, settings.Clients).Select(_ => _buffers.Rent(_maxUploadBytes)).ToList();
        rented.ForEach(buffer => _buffers.Return(buffer));
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    /// <summary>Connections that ended with an error of the server's: not the client closing its connection.</summary>
    public int Faulted => Volatile.Read(ref _faulted);

    public string? FirstError => Volatile.Read(ref _firstError);

    public void Start() => _ = AcceptConnectionsAsync();

    public void Dispose()
    {
        _stopping.Cancel();
        _listener.Dispose();
    }

    private async Task AcceptConnectionsAsync()
    {
        try
        {
            while (true)
            {
                var connection = await _listener.AcceptAsync(_stopping.Token);
                _ = ServeAsync(connection);
            }
        }
        catch (Exception) when (_stopping.IsCancellationRequested)
        {
            // Disposed: the listener is closed.
        }
    }

    private async Task ServeAsync(Socket connection)
    {
        using var owned = connection;
        var cancellationToken = _stopping.Token;
        byte[] header = new byte[UploadProtocol.HeaderLength];
        byte[] hexDigest = new byte[UploadHasher.HexDigestLength];
        try
        {
            while (await UploadProtocol.ReceiveExactlyAsync(connection, header, cancellationToken))
            {
                int length = UploadProtocol.ReadHeader(header);
                if (length <= 0 || length > _maxUploadBytes)
                {
                    throw new InvalidDataException($"An upload of {length} bytes is outside 1..{_maxUploadBytes}.");
                }

                byte[] buffer = _buffers.Rent(_maxUploadBytes);
                try
                {
                    var upload = buffer.AsMemory(0, length);
                    await UploadProtocol.ReceiveExactlyAsync(connection, upload, cancellationToken);

                    int written = _mode switch
                    {
                        // The mistake BLZ105 reports, made on purpose: the hash blocks the ThreadPool thread running this method.
#pragma warning disable BLZ105
                        Mode.Inline => UploadHasher.Hash(upload, hexDigest, _storeMs),
#pragma warning restore BLZ105
                        Mode.TaskRun => await HashOnThreadPool(upload, hexDigest, _storeMs, cancellationToken),
                        _ => await UploadHasher.HashAsync(upload, hexDigest, _storeMs, cancellationToken),
                    };

                    await connection.SendAsync(hexDigest.AsMemory(0, written), SocketFlags.None, cancellationToken);
                }
                finally
                {
                    _buffers.Return(buffer);
                }
            }
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested || ClientWentAway(ex))
        {
            // Shutting down, or the client closed its connection mid-upload (a cut-off mode closes them all): not
            // the server's failure. The client side counts the uploads that did not finish.
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref _faulted);
            Interlocked.CompareExchange(ref _firstError, $"{ex.GetType().Name}: {ex.Message}", null);
        }
    }

    private static bool ClientWentAway(Exception exception) =>
        exception is EndOfStreamException
        || exception is SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown };

    /// <summary>
    /// <c>Task.Run</c> in a method of its own: a lambda in <see cref="ServeAsync"/> would capture the loop's locals,
    /// and the compiler would allocate their closure on every upload in every mode, not only this one.
    /// </summary>
    private static Task<int> HashOnThreadPool(ReadOnlyMemory<byte> upload, byte[] hexDigest, int storeMs, CancellationToken cancellationToken) =>
        Task.Run(() => UploadHasher.Hash(upload, hexDigest, storeMs), cancellationToken);
}
