using Blitz.Analyzers.Tests.Corpus;
using Blitz.Analyzers.Tests.Deep;

namespace Blitz.Analyzers.Tests.Common;

/// <summary>
/// One body for a library's sync and async APIs, the caller choosing the path (an IsSynchronous flag, a bool async
/// parameter): the blocking on the sync path is not reported in place, nor through a helper, by any rule.
/// </summary>
public sealed class CallerChosenSyncPathTests
{
    private static readonly DeepVerifier All = new([.. CorpusTests.AllAnalyzers()]);

    [Fact]
    public Task Blocking_on_a_sync_path_the_caller_chose_is_reported_nowhere() => All.VerifyAsync(Sources.Usings + """
        public sealed class Context { public bool IsSynchronous { get; init; } }
        public sealed class Breaker
        {
            // Called by both the sync and the async pipeline: it blocks only when the caller asked for sync.
            internal static Task Settle(Task task, Context context)
            {
                if (context.IsSynchronous && !task.IsCompleted)
                {
                    task.GetAwaiter().GetResult();
                }

                return task;
            }

            public Task OnFailureAsync(Task pending, Context context) => Settle(pending, context);

            public async Task ReadAsync(Stream stream, byte[] buffer, bool isAsync)
            {
                var read = isAsync ? await stream.ReadAsync(buffer) : stream.Read(buffer);
                if (read == 0 && !isAsync) { Thread.Sleep(10); }
            }

            // A bool named for one operation's mode: the code picks sync writes for the streams it chose them for.
            public async Task CopyAsync(Stream destination, byte[] buffer)
            {
                bool writeSync = destination is MemoryStream or FileStream;
                await Task.Yield();
                if (writeSync) { destination.Write(buffer.AsSpan()); }
                else { await destination.WriteAsync(buffer.AsMemory()); }
            }

            public async Task PeekAsync(Stream destination, byte[] buffer)
            {
                var readAsync = destination.ReadAsync(buffer).AsTask();       // a task, not a mode
                if (readAsync.IsCompleted) { {|BLZ102:destination.Write(buffer, 0, 1)|}; }
                await readAsync;
            }

            // A name that only contains the word is no mode: the wait after it blocks every caller.
            private readonly object? _errorAsyncWrapper = null;
            public async Task RecoverAsync(Task pending)
            {
                if (_errorAsyncWrapper is not null) { await Task.Yield(); }
                {|BLZ103:pending.Wait()|};
            }

            // The same wait without a mode test blocks every caller.
            internal static Task Always(Task task) { {|BLZ103:task.GetAwaiter().GetResult()|}; return task; }

            public Task OnSuccessAsync(Task pending) => {|BLZ111:Always(pending)|};
        }
        """);
}
