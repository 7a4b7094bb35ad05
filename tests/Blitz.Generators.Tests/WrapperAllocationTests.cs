using Blitz.Generators.Tests.Fixtures;
using Xunit.Abstractions;

namespace Blitz.Generators.Tests;

/// <summary>A generated wrapper adds nothing to the runtime's zero-allocation hot path.</summary>
public sealed class WrapperAllocationTests(ITestOutputHelper output)
{
    private const int Calls = 100_000;

    [Fact]
    public async Task Awaited_wrapper_calls_allocate_at_most_one_byte_each_process_wide()
    {
        // Off xunit's SynchronizationContext, as a service's request handler would run.
        await Task.Run(async () =>
        {
            await CallSequentially(20_000); // warm up: pool threads, pooled completions, tiered JIT
            await CallSequentially(20_000);

            long before = GC.GetTotalAllocatedBytes(precise: true);
            long sum = await CallSequentially(Calls);
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

            Assert.Equal((long)Calls * (Calls - 1) / 2 + Calls, sum);
            double perCall = (double)allocated / Calls;
            output.WriteLine($"{allocated} bytes over {Calls} awaited wrapper calls = {perCall:F4} B/op");
            Assert.True(perCall <= 1.0, $"{allocated} bytes over {Calls} calls = {perCall:F3} B/op (limit 1 B/op, process-wide)");
        });
    }

    private static async Task<long> CallSequentially(int calls)
    {
        long sum = 0;
        for (int i = 0; i < calls; i++)
        {
            sum += await StaticWork.AddAsync(i, 1);
        }

        return sum;
    }
}
