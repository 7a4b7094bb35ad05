namespace Blitz.Runtime.Tests;

/// <summary>Process-wide allocation counts: nothing else may run in parallel with these tests.</summary>
[CollectionDefinition(nameof(AllocationCollection), DisableParallelization = true)]
public sealed class AllocationCollection;

[Collection(nameof(AllocationCollection))]
public class AllocationTests
{
    private const int Calls = 100_000;

    [Fact]
    public Task SpawnBlockingWithAStructWorkItemAllocatesNothingInSteadyState()
        => AssertAllocationFree(static async (runtime, calls) =>
        {
            int sum = 0;
            for (int i = 0; i < calls; i++)
            {
                sum += await runtime.SpawnBlocking<AddWork, int>(new AddWork(i, 1));
            }

            return sum;
        });

    [Fact]
    public Task SpawnBlockingWithAStaticLambdaAndStateAllocatesNothingInSteadyState()
        => AssertAllocationFree(static async (runtime, calls) =>
        {
            int sum = 0;
            for (int i = 0; i < calls; i++)
            {
                sum += await runtime.SpawnBlocking(i, static (x, _) => x + 1);
            }

            return sum;
        });

    [Fact]
    public Task SpawnCpuAllocatesNothingInSteadyState()
        => AssertAllocationFree(static async (runtime, calls) =>
        {
            int sum = 0;
            for (int i = 0; i < calls; i++)
            {
                sum += await runtime.SpawnCpu<AddWork, int>(new AddWork(i, 1));
                sum += await runtime.SpawnCpu(i, static (x, _) => x + 1) - i - 1;
            }

            return sum;
        });

    [Fact]
    public async Task ACancelableTokenThatNeverFiresAllocatesNothingInSteadyState()
    {
        using var cts = new CancellationTokenSource();
        await AssertAllocationFree(async (runtime, calls) =>
        {
            int sum = 0;
            for (int i = 0; i < calls; i++)
            {
                sum += await runtime.SpawnBlocking<AddWork, int>(new AddWork(i, 1), cts.Token);
            }

            return sum;
        });
    }

    private static async Task AssertAllocationFree(Func<BlitzRuntime, int, Task<int>> loop)
    {
        await using var runtime = TestSupport.NewRuntime();

        // Run off xunit's SynchronizationContext, as a service's request handler would.
        await Task.Run(async () =>
        {
            await loop(runtime, 20_000); // warm up: threads, pooled nodes, tiered JIT
            await loop(runtime, 20_000);

            long before = GC.GetTotalAllocatedBytes(precise: true);
            int sum = await loop(runtime, Calls);
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

            Assert.Equal(unchecked((int)(Calls * (long)(Calls + 1) / 2)), sum);
            double perCall = (double)allocated / Calls;
            Assert.True(perCall <= 1.0, $"{allocated} bytes over {Calls} calls = {perCall:F3} B/op (limit 1 B/op, process-wide)");
        });
    }
}
