namespace Blitz.Runtime.Tests;

/// <summary>
/// Every delegate shape allocates nothing per call with a static lambda, where Task.Run allocates a Task. Each loop
/// makes <c>calls</c> spawns in all, spread over its shapes, so the measured bytes are per spawn.
/// </summary>
[Collection(nameof(AllocationCollection))]
public class DelegateSpawnAllocationTests
{
    [Fact]
    public Task SpawnBlocking_with_a_void_static_lambda_and_state_allocates_nothing_in_steady_state()
        => AllocationTests.AssertAllocationFree(static async (runtime, calls) =>
        {
            var total = new int[1];
            for (int i = 0; i < calls / 2; i++)
            {
                await runtime.SpawnBlocking(total, static (t, _) => t[0]++);
                await runtime.SpawnBlocking(total, static (t, _) => t[0]++, WorkPriority.High);
            }

            Assert.Equal(calls, total[0]);
            return Sum(calls);
        });

    [Fact]
    public Task SpawnCpu_with_a_void_static_lambda_and_state_allocates_nothing_in_steady_state()
        => AllocationTests.AssertAllocationFree(static async (runtime, calls) =>
        {
            var total = new int[1];
            for (int i = 0; i < calls / 2; i++)
            {
                await runtime.SpawnCpu(total, static (t, _) => t[0]++);
                await runtime.SpawnCpu(total, static (t, _) => t[0]++, WorkPriority.High);
            }

            Assert.Equal(calls, total[0]);
            return Sum(calls);
        });

    [Fact]
    public Task Spawns_of_static_lambdas_without_state_allocate_nothing_in_steady_state()
        => AllocationTests.AssertAllocationFree(static async (runtime, calls) =>
        {
            int ones = 0;
            for (int i = 0; i < calls / 8; i++)
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

            Assert.Equal(calls / 2, ones);
            return Sum(calls);
        });

    [Fact]
    public Task Every_try_spawn_shape_allocates_nothing_in_steady_state()
        => AllocationTests.AssertAllocationFree(static async (runtime, calls) =>
        {
            var total = new int[1];
            int ones = 0;
            for (int i = 0; i < calls / 4; i++)
            {
                Assert.True(runtime.TrySpawnBlocking(total, static (t, _) => ++t[0], out ValueTask<int> withState));
                Assert.True(runtime.TrySpawnBlocking(total, static (t, _) => { t[0]++; }, out ValueTask voidWithState));
                Assert.True(runtime.TrySpawnBlocking(static _ => 1, out ValueTask<int> stateless));
                Assert.True(runtime.TrySpawnBlocking(static _ => { }, out ValueTask voidStateless));
                await withState;
                await voidWithState;
                ones += await stateless;
                await voidStateless;
            }

            Assert.Equal((calls / 2, calls / 4), (total[0], ones));
            return Sum(calls);
        });

    // The helper checks the loop's sum against 1 + 2 + ... + calls.
    private static int Sum(int calls) => unchecked((int)(calls * (long)(calls + 1) / 2));
}
