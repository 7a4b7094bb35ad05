namespace Blitz.Runtime.Tests;

/// <summary>Every delegate shape allocates nothing per call with a static lambda, where Task.Run allocates a Task.</summary>
[Collection(nameof(AllocationCollection))]
public class DelegateSpawnAllocationTests
{
    [Fact]
    public Task SpawnBlocking_with_a_void_static_lambda_and_state_allocates_nothing_in_steady_state()
        => AllocationTests.AssertAllocationFree(static async (runtime, calls) =>
        {
            var total = new int[1];
            for (int i = 0; i < calls; i++)
            {
                await runtime.SpawnBlocking(total, static (t, _) => t[0]++);
                await runtime.SpawnBlocking(total, static (t, _) => t[0]++, WorkPriority.High);
            }

            Assert.Equal(2 * calls, total[0]);
            return Sum(calls);
        });

    [Fact]
    public Task SpawnCpu_with_a_void_static_lambda_and_state_allocates_nothing_in_steady_state()
        => AllocationTests.AssertAllocationFree(static async (runtime, calls) =>
        {
            var total = new int[1];
            for (int i = 0; i < calls; i++)
            {
                await runtime.SpawnCpu(total, static (t, _) => t[0]++);
                await runtime.SpawnCpu(total, static (t, _) => t[0]++, WorkPriority.High);
            }

            Assert.Equal(2 * calls, total[0]);
            return Sum(calls);
        });

    [Fact]
    public Task Spawns_of_static_lambdas_without_state_allocate_nothing_in_steady_state()
        => AllocationTests.AssertAllocationFree(static async (runtime, calls) =>
        {
            int ones = 0;
            for (int i = 0; i < calls; i++)
            {
                ones += await runtime.SpawnBlocking(static _ => 1);
                ones += await runtime.SpawnCpu(static _ => 1);
                ones += await runtime.SpawnBlocking(static _ => 1, WorkPriority.High);
                ones += await runtime.SpawnCpu(static _ => 1, WorkPriority.High);
                await runtime.SpawnBlocking(static _ => { });
                await runtime.SpawnCpu(static _ => { });
                await runtime.SpawnBlocking(static _ => { }, WorkPriority.High);
                await runtime.SpawnCpu(static _ => { }, WorkPriority.High);
            }

            Assert.Equal(4 * calls, ones);
            return Sum(calls);
        });

    // The helper checks the loop's sum against 1 + 2 + ... + calls.
    private static int Sum(int calls) => unchecked((int)(calls * (long)(calls + 1) / 2));
}
