using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Blitz.Runtime.Tests;

public class PriorityTests
{
    [Fact]
    public async Task Queued_high_priority_work_starts_before_queued_normal_work()
    {
        await using var runtime = TestSupport.NewRuntime(o => o.MaxBlockingThreads = 1);
        var (gate, blocker) = OccupyTheOnlyThread(runtime);
        var order = new ConcurrentQueue<string>();
        var tasks = new List<Task<string>>();
        foreach (string name in new[] { "n1", "h1", "n2", "h2", "n3", "h3" })
        {
            var priority = name[0] == 'h' ? WorkPriority.High : WorkPriority.Normal;
            tasks.Add(runtime.SpawnBlocking((Name: name, Order: order), static (s, _) => { s.Order.Enqueue(s.Name); return s.Name; }, priority).AsTask());
        }

        gate.Set();
        await blocker;
        await Task.WhenAll(tasks);
        Assert.Equal(["h1", "h2", "h3", "n1", "n2", "n3"], order);
    }

    [Fact]
    public async Task Normal_work_waits_behind_at_most_eight_high_priority_items()
    {
        await using var runtime = TestSupport.NewRuntime(o => o.CpuThreads = 1);
        using var gate = new ManualResetEventSlim();
        var runs = new StrongBox<int>();
        var blocker = runtime.SpawnCpu<GateWork, int>(new GateWork(gate, runs));
        TestSupport.Eventually(() => runs.Value == 1, "the only CPU thread is busy");

        var order = new ConcurrentQueue<string>();
        var tasks = new List<Task<string>>
        {
            runtime.SpawnCpu((Name: "normal", Order: order), static (s, _) => { s.Order.Enqueue(s.Name); return s.Name; }, WorkPriority.Normal).AsTask(),
        };
        for (int i = 0; i < 20; i++)
        {
            tasks.Add(runtime.SpawnCpu((Name: $"high{i}", Order: order), static (s, _) => { s.Order.Enqueue(s.Name); return s.Name; }, WorkPriority.High).AsTask());
        }

        gate.Set();
        await blocker;
        await Task.WhenAll(tasks);
        Assert.Equal(8, order.ToList().IndexOf("normal"));
        Assert.Equal(21, order.Count);
    }

    [Fact]
    public async Task A_queued_high_priority_item_can_be_canceled()
    {
        await using var runtime = TestSupport.NewRuntime(o => o.MaxBlockingThreads = 1);
        var (gate, blocker) = OccupyTheOnlyThread(runtime);
        using var cts = new CancellationTokenSource();
        var runs = new StrongBox<int>();
        var high = runtime.SpawnBlocking<GateWork, int>(new GateWork(gate, runs), WorkPriority.High, cts.Token);
        var normal = runtime.SpawnBlocking(1, static (x, _) => x, WorkPriority.Normal);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await high);
        gate.Set();
        await blocker;
        Assert.Equal(1, await normal);
        Assert.Equal(0, runs.Value);
    }

    private static (ManualResetEventSlim Gate, Task<int> Blocker) OccupyTheOnlyThread(BlitzRuntime runtime)
    {
        var gate = new ManualResetEventSlim();
        var runs = new StrongBox<int>();
        var blocker = runtime.SpawnBlocking<GateWork, int>(new GateWork(gate, runs)).AsTask();
        TestSupport.Eventually(() => runs.Value == 1, "the only blocking thread is busy");
        return (gate, blocker);
    }
}
