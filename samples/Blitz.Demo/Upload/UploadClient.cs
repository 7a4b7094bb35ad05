using System.Net;
using System.Net.Sockets;

namespace Blitz.Demo;

/// <summary>
/// One client of the load generator: a dedicated thread (not a ThreadPool thread, so the clients never occupy the
/// pool they measure) with a connection of its own, uploading one payload after another with sync socket calls and
/// checking every digest. All its buffers exist before the run, so it allocates next to nothing while it runs.
/// </summary>
internal sealed class UploadClient
{
    private readonly LoadGenerator _load;
    private readonly Socket _socket;
    private readonly Thread _thread;
    private readonly byte[] _header = new byte[UploadProtocol.HeaderLength];
    private readonly byte[] _answer = new byte[UploadHasher.HexDigestLength];

    public UploadClient(LoadGenerator load, IPEndPoint server, int index)
    {
        _load = load;
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        _socket.Connect(server);
        _thread = new Thread(Run) { IsBackground = true, Name = $"upload-client-{index}" };
    }

    /// <summary>What this client's thread allocated while it ran: subtracted to leave the server's share.</summary>
    public long AllocatedBytes { get; private set; }

    public void Start() => _thread.Start();

    public bool Join(TimeSpan timeout) => _thread.Join(timeout);

    /// <summary>Closes the connection: a call blocked on it fails, and the thread ends.</summary>
    public void Abort() => _socket.Dispose();

    /// <summary>One upload, checked; the run's warm-up.</summary>
    public void UploadOnce(UploadPayload payload)
    {
        if (!Upload(payload))
        {
            throw new InvalidOperationException("The warm-up upload got a wrong digest.");
        }
    }

    private void Run()
    {
        long allocatedAtStart = GC.GetAllocatedBytesForCurrentThread();
        _load.WaitForStart();
        try
        {
            while (_load.TryTakeRequest(out int requestId, out var payload))
            {
                _load.Complete(requestId, Upload(payload));
            }
        }
        catch (Exception ex)
        {
            _load.Fail(ex);
        }
        finally
        {
            AllocatedBytes = GC.GetAllocatedBytesForCurrentThread() - allocatedAtStart;
            _load.ClientFinished();
        }
    }

    /// <summary>Sends the payload and reads the digest; true if it is the payload's SHA-256.</summary>
    private bool Upload(UploadPayload payload)
    {
        UploadProtocol.WriteHeader(_header, payload.Data.Length);
        SendAll(_header);
        SendAll(payload.Data);
        UploadProtocol.ReceiveExactly(_socket, _answer);
        return _answer.AsSpan().SequenceEqual(payload.ExpectedHexDigest);
    }

    private void SendAll(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            data = data[_socket.Send(data)..];
        }
    }
}
