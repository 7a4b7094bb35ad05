using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Blitz.Demo.Tests;

/// <summary>The server and the load generator together, in this process, on loopback, with small uploads.</summary>
public sealed class UploadServerTests
{
    private static readonly UploadSettings Small = UploadSettings.Defaults with { Clients = 3, Requests = 24, MaxUploadKib = 64, StoreMs = 1 };

    [Theory]
    [InlineData("inline")]
    [InlineData("taskrun")]
    [InlineData("blitz")]
    public void Every_upload_gets_its_own_digest_back_in_every_mode(string modeName)
    {
        Assert.True(ModeNames.TryParse(modeName, out var mode));
        using var server = new UploadServer(mode, Small);
        server.Start();
        var load = new LoadGenerator(server.EndPoint, UploadPayloads.Create(Small), Small.Clients, Small.Requests);
        load.WarmUp();

        load.Start();

        Assert.True(load.WaitAll(TimeSpan.FromSeconds(30)), "the clients did not finish");
        Assert.Null(load.FirstError ?? server.FirstError);
        Assert.Equal(Small.Requests, load.Completed);
        Assert.Equal(0, load.WrongDigests);
        Assert.Equal(0, load.Faulted);
        Assert.Equal(0, server.Faulted);
        var latencies = load.SummarizeLatencies();
        Assert.Equal(Small.Requests, latencies.Samples);
        Assert.Equal(0, latencies.Unfinished);
        Assert.True(latencies.P50Ms > 0);
    }

    [Fact]
    public void A_cut_off_counts_the_uploads_in_flight_as_unfinished_with_their_wait_so_far_not_as_errors()
    {
        // A listener that never accepts: the kernel takes the connections and the small uploads, nobody answers.
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        silent.Listen(4);
        var settings = Small with { MaxUploadKib = 4 };
        var load = new LoadGenerator((IPEndPoint)silent.LocalEndPoint!, UploadPayloads.Create(settings), clients: 2, requests: 10);
        load.Start();
        Assert.True(SpinWait.SpinUntil(() => load.Started == 2, TimeSpan.FromSeconds(10)), "the clients did not start");

        load.Stop(grace: TimeSpan.FromMilliseconds(50));

        Assert.True(load.WaitAll(TimeSpan.FromSeconds(10)), "the clients did not stop");
        var latencies = load.SummarizeLatencies();
        Assert.Equal(0, load.Completed);
        Assert.Equal(0, load.Faulted);
        Assert.Equal(2, latencies.Unfinished);
        Assert.Equal(2, latencies.Samples);
        Assert.True(latencies.MaxMs > 0);
    }

    [Fact]
    public void An_upload_larger_than_the_server_allows_is_a_server_error_not_a_hang()
    {
        using var server = new UploadServer(Mode.Blitz, Small);
        server.Start();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect(server.EndPoint);
        byte[] header = new byte[UploadProtocol.HeaderLength];
        UploadProtocol.WriteHeader(header, Small.MaxUploadBytes + 1);

        client.Send(header);

        // The server closes the connection rather than read or answer.
        client.ReceiveTimeout = 10_000;
        Assert.Equal(0, client.Receive(new byte[1]));
        SpinWait.SpinUntil(() => server.Faulted > 0, TimeSpan.FromSeconds(10));
        Assert.Equal(1, server.Faulted);
        Assert.Contains("outside 1..65536", server.FirstError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_blocking_method_and_its_generated_wrapper_give_the_same_hex_sha256()
    {
        byte[] upload = Encoding.ASCII.GetBytes("hello, blocking pool");
        string expected = Convert.ToHexStringLower(SHA256.HashData(upload));
        byte[] direct = new byte[UploadHasher.HexDigestLength];
        byte[] offloaded = new byte[UploadHasher.HexDigestLength];

        int directLength = UploadHasher.Hash(upload, direct, storeMs: 0);
        int offloadedLength = await UploadHasher.HashAsync(upload, offloaded, 0);

        Assert.Equal(UploadHasher.HexDigestLength, directLength);
        Assert.Equal(UploadHasher.HexDigestLength, offloadedLength);
        Assert.Equal(expected, Encoding.ASCII.GetString(direct));
        Assert.Equal(expected, Encoding.ASCII.GetString(offloaded));
    }

    [Fact]
    public void Payloads_span_the_upload_sizes_and_carry_their_sha256()
    {
        var settings = UploadSettings.Defaults with { MaxUploadKib = 40 };

        var payloads = UploadPayloads.Create(settings);

        Assert.Equal(settings.MinUploadBytes, payloads.Min(p => p.Data.Length));
        Assert.Equal(settings.MaxUploadBytes, payloads.Max(p => p.Data.Length));
        Assert.All(payloads, p => Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(p.Data)), Encoding.ASCII.GetString(p.ExpectedHexDigest)));
        Assert.Equal(payloads.Select(p => p.Data), UploadPayloads.Create(settings).Select(p => p.Data)); // same bytes every run
    }
}
