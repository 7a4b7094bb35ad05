namespace Blitz.Runtime.Tests;

/// <summary>Lists are read in place: a call costs a constant at most, never a copy of the items.</summary>
[Collection(nameof(AllocationCollection))]
public class ParallelSourceAllocationTests
{
    private const int Items = 100_000;

    [Fact]
    public async Task ParallelForAsync_over_a_List_or_a_read_only_list_allocates_nothing_per_item()
    {
        await using var runtime = TestSupport.NewRuntime();
        List<int> list = Enumerable.Range(0, Items).ToList();
        IReadOnlyList<int> readOnly = list.AsReadOnly();
        await Task.Run(async () =>
        {
            Assert.True(await PerCall(() => runtime.ParallelForAsync(list, static _ => { })) <= 256);
            Assert.True(await PerCall(() => runtime.ParallelForAsync(readOnly, static _ => { })) <= 256);
        });
    }

    [Fact]
    public async Task ParallelMapAsync_over_a_List_allocates_the_result_array_and_a_constant_but_no_copy()
    {
        await using var runtime = TestSupport.NewRuntime();
        List<int> list = Enumerable.Range(0, Items).ToList();
        long resultArray = GC.GetAllocatedBytesForCurrentThread();
        _ = new int[Items];
        resultArray = GC.GetAllocatedBytesForCurrentThread() - resultArray;
        await Task.Run(async () =>
        {
            long perCall = await PerCall(async () => await runtime.ParallelMapAsync(list, static x => x + 1));
            // Beyond the array: the async methods that wait for the mapping to return it (the runtime's and this test's
            // lambda), a few hundred bytes whatever the count. A copy of the list would be another array as large; the
            // bound sits halfway so that other work of the test host (process-wide bytes) cannot fail it.
            Assert.True(perCall < resultArray + (resultArray / 2), $"{perCall} B per call; the result array alone is {resultArray} B");
        });
    }

    /// <summary>The bytes one call allocates, process-wide: the quietest of three rounds after a warm-up.</summary>
    private static async Task<long> PerCall(Func<ValueTask> call)
    {
        const int Calls = 200;
        for (int i = 0; i < Calls; i++)
        {
            await call();
        }

        long perCall = long.MaxValue;
        for (int round = 0; round < 3; round++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            for (int i = 0; i < Calls; i++)
            {
                await call();
            }

            perCall = Math.Min(perCall, (GC.GetTotalAllocatedBytes(precise: true) - before) / Calls);
        }

        return perCall;
    }
}
