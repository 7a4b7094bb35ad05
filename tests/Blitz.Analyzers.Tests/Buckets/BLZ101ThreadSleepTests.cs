using Blitz.Analyzers.Buckets;
using Blitz.Analyzers.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Blitz.Analyzers.Tests.Buckets;

public sealed class BLZ101ThreadSleepTests
{
    private static readonly DiagnosticAnalyzer Analyzer = BlitzRulesAnalyzer.Hosting(new BLZ101ThreadSleepAnalyzer());

    private static Task VerifyAsync(string markup, params DiagnosticResult[] expected) => BlitzAnalyzerTest.VerifyAsync(Analyzer, markup, expected);

    private static Task VerifyFixAsync(string source, string fixedSource) =>
        BlitzCodeFixTest<BLZ101ThreadSleepCodeFix>.VerifyAsync(BlitzRulesAnalyzer.Hosting(new BLZ101ThreadSleepAnalyzer()), source, fixedSource);

    private static Task VerifyNoFixAsync(string source) => VerifyFixAsync(source, source);

    [Fact]
    public Task Reports_sleep_in_async_methods_lambdas_and_local_functions() => VerifyAsync(Sources.Usings + """
        class C
        {
            async Task A() { {|BLZ101:Thread.Sleep(10)|}; await Task.Yield(); }
            async ValueTask<int> B() { {|BLZ101:Thread.Sleep(TimeSpan.FromSeconds(1))|}; return await Task.FromResult(1); }
            void D()
            {
                Func<Task> f = async () => { {|BLZ101:Thread.Sleep(5)|}; await Task.Yield(); };
                async Task Local() { {|BLZ101:Thread.Sleep(5)|}; await Task.Yield(); }
            }
        }
        """);

    [Fact]
    public Task Ignores_sync_code_sync_lambdas_in_async_methods_and_offloaded_delegates() => VerifyAsync(Sources.Usings + """
        class C
        {
            void Sync() => Thread.Sleep(10);
            async Task A(List<int> items)
            {
                Action a = () => Thread.Sleep(1);
                void Local() => Thread.Sleep(1);
                await Task.Run(() => Thread.Sleep(10));
                await Task.Run(async () => { Thread.Sleep(10); await Task.Yield(); });
                var t = new Thread(() => Thread.Sleep(10));
                await BlitzRuntime.Default.SpawnBlocking(0, (s, ct) => { Thread.Sleep(10); return s; });
                items.ForEach(i => Thread.Sleep(i));
            }
        }
        """);

    [Fact]
    public Task Reports_methods_that_return_a_task_without_being_async() => VerifyAsync(Sources.Usings + """
        class C
        {
            // The caller awaits the task, but the sleep runs on its thread before it gets one.
            Task NotAsync() { {|BLZ101:Thread.Sleep(10)|}; return Task.CompletedTask; }
            ValueTask<int> Value() { {|BLZ101:Thread.Sleep(10)|}; return new ValueTask<int>(1); }
            int Plain() { Thread.Sleep(10); return 1; }
            Task Offloaded() => Task.Run(() => Thread.Sleep(10));
        }
        """);

    [Fact]
    public Task Ignores_the_sync_path_a_caller_chose() => VerifyAsync(Sources.Usings + """
        enum IoMode { Synchronous, Asynchronous }
        class C
        {
            // One body for a library's sync and async APIs: the sleep runs only when a sync caller asked for it.
            async Task Pause(bool isAsync, CancellationToken token)
            {
                if (isAsync) { await Task.Delay(10, token); } else { Thread.Sleep(10); }
            }
            ValueTask Wait(IoMode mode) => mode == IoMode.Asynchronous ? new ValueTask(Task.Delay(10)) : Sleep();
            ValueTask Sleep() { {|BLZ101:Thread.Sleep(10)|}; return default; }
            async Task EarlyReturn(bool useAsync)
            {
                if (useAsync) { await Task.Delay(10); return; }
                Thread.Sleep(10);
            }
            async Task Switched(IoMode mode)
            {
                switch (mode)
                {
                    case IoMode.Synchronous: Thread.Sleep(10); break;
                    default: await Task.Delay(10); break;
                }
            }
            async Task Unrelated(bool ready)
            {
                if (ready) { {|BLZ101:Thread.Sleep(10)|}; }
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task No_fix_in_a_method_that_is_not_async() => VerifyNoFixAsync(Sources.Usings + """
        class C
        {
            Task NotAsync() { {|BLZ101:Thread.Sleep(10)|}; return Task.CompletedTask; }
        }
        """);

    [Fact]
    public Task Fix_uses_task_delay_and_keeps_the_token() => VerifyFixAsync(Sources.Usings + """
        class C
        {
            async Task A(CancellationToken cancellationToken)
            {
                {|BLZ101:Thread.Sleep(100)|};
                await Task.Yield();
            }
            async Task B()
            {
                {|BLZ101:Thread.Sleep(TimeSpan.FromMilliseconds(5))|};
                await Task.Yield();
            }
        }
        """, Sources.Usings + """
        class C
        {
            async Task A(CancellationToken cancellationToken)
            {
                await Task.Delay(100, cancellationToken);
                await Task.Yield();
            }
            async Task B()
            {
                await Task.Delay(TimeSpan.FromMilliseconds(5));
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Fix_all_and_qualifies_task_without_a_using() => VerifyFixAsync("""
        class C
        {
            async System.Threading.Tasks.Task A()
            {
                {|BLZ101:System.Threading.Thread.Sleep(1)|};
                {|BLZ101:System.Threading.Thread.Sleep(2)|};
                await System.Threading.Tasks.Task.Yield();
            }
        }
        """, """
        class C
        {
            async System.Threading.Tasks.Task A()
            {
                await System.Threading.Tasks.Task.Delay(1);
                await System.Threading.Tasks.Task.Delay(2);
                await System.Threading.Tasks.Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Reports_sleep_in_sync_request_handlers() => VerifyAsync(Sources.Usings + WebFrameworkStubs.Source + """
        class HomeController : Microsoft.AspNetCore.Mvc.Controller
        {
            // The framework runs each action on a ThreadPool thread, once per request.
            public string Index() { {|BLZ101:Thread.Sleep(2000)|}; return "hello"; }
        }
        class ValuesController : System.Web.Http.ApiController
        {
            public int Get() { {|BLZ101:Thread.Sleep(100)|}; return 1; }
        }
        class ChatHub : Microsoft.AspNetCore.SignalR.Hub
        {
            public void Send(string text) => {|BLZ101:Thread.Sleep(50)|};
        }
        class IndexModel : Microsoft.AspNetCore.Mvc.RazorPages.PageModel
        {
            public void OnGet() => {|BLZ101:Thread.Sleep(50)|};
            public void OnPostSave() => {|BLZ101:Thread.Sleep(50)|};
        }
        static class Endpoints
        {
            public static void Map(WebApplication app) => app.MapGet("/slow", () => { {|BLZ101:Thread.Sleep(1000)|}; return "done"; });
        }
        """);

    [Fact]
    public Task Ignores_sleep_in_members_of_handler_types_that_are_not_handlers() => VerifyAsync(Sources.Usings + WebFrameworkStubs.Source + """
        class HomeController : Microsoft.AspNetCore.Mvc.Controller
        {
            private void Pause() => Thread.Sleep(10);
            public static void Helper() => Thread.Sleep(10);
            [Microsoft.AspNetCore.Mvc.NonAction] public void NotAnAction() => Thread.Sleep(10);
            public HomeController() => Thread.Sleep(10);
            public string Index() { Action later = () => Thread.Sleep(10); return "hello"; }
        }
        class IndexModel : Microsoft.AspNetCore.Mvc.RazorPages.PageModel
        {
            public void Online() => Thread.Sleep(10);
            public void Refresh() => Thread.Sleep(10);
        }
        class PlainService
        {
            public string Index() { Thread.Sleep(10); return "hello"; }
        }
        static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                Action warmUp = () => Thread.Sleep(10);
                app.MapGet("/", () => "fast");
            }
        }
        """);

    [Fact]
    public Task No_fix_in_a_sync_request_handler() => VerifyNoFixAsync(Sources.Usings + WebFrameworkStubs.Source + """
        class HomeController : Microsoft.AspNetCore.Mvc.Controller
        {
            public string Index() { {|BLZ101:Thread.Sleep(2000)|}; return "hello"; }
        }
        """);
}
