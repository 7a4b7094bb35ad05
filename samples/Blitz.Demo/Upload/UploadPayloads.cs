using System.Security.Cryptography;
using System.Text;

namespace Blitz.Demo;

/// <summary>One upload the clients send, with the digest the server must answer.</summary>
internal sealed record UploadPayload(byte[] Data, byte[] ExpectedHexDigest);

/// <summary>
/// The uploads the load generator cycles through, made and hashed once before the run, so clients spend no CPU on
/// making or checking data while the server is measured. Sizes are spread evenly from the smallest to the largest
/// upload; contents are pseudo-random (a fixed seed), so every run sends the same bytes.
/// </summary>
internal static class UploadPayloads
{
    private const int Count = 8;
    private const int Seed = 20_261_128;

    public static IReadOnlyList<UploadPayload> Create(UploadSettings settings)
    {
        var random = new Random(Seed);
        var payloads = new UploadPayload[Count];
        for (int i = 0; i < Count; i++)
        {
            int size = settings.MinUploadBytes + (int)((long)(settings.MaxUploadBytes - settings.MinUploadBytes) * i / (Count - 1));
            byte[] data = new byte[Math.Max(1, size)];
            random.NextBytes(data);
            payloads[i] = new UploadPayload(data, Encoding.ASCII.GetBytes(Convert.ToHexStringLower(SHA256.HashData(data))));
        }

        return payloads;
    }

    public static double AverageBytes(IReadOnlyList<UploadPayload> payloads) => payloads.Average(p => (double)p.Data.Length);
}
