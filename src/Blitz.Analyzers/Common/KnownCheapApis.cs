namespace Blitz.Analyzers.Common;

/// <summary>
/// BLZ113: the framework members whose cost is provably small and bounded by the size of their arguments (bucket 2), so
/// that a delegate made only of them gains nothing from a pool hop. Derived family by family from the net10.0
/// reference metadata (a throwaway reflection program listed each type's public members) and the members' documented
/// behaviour; a member is listed only when it does no I/O, takes no lock, runs no caller-supplied code and does work
/// proportional to a string it already has at most. "*" means every member of the type.
/// </summary>
internal static class KnownCheapApis
{
    /// <summary>Methods and property getters, with why each is cheap and bounded.</summary>
    public static readonly (string Type, string Member, string Why)[] Members =
    {
        // Scalar arithmetic: every public member of Math/MathF takes and returns scalars (no arrays, spans or sequences).
        ("System.Math", "*", "closed-form arithmetic on scalars"),
        ("System.MathF", "*", "closed-form arithmetic on scalars"),

        // String formatting and concatenation: the caller's arguments are checked to be formattable without user code.
        ("System.String", "Format", "formats its arguments; work bounded by the format and arguments"),
        ("System.String", "Concat", "one copy of its arguments"),
        ("System.String", "Join", "one copy of its arguments"),
        ("System.String", "IsNullOrEmpty", "a length check"),
        ("System.String", "IsNullOrWhiteSpace", "one scan of the string"),
        ("System.String", "Equals", "one comparison of two strings"),
        ("System.String", "Substring", "one copy of part of the string"),
        ("System.String", "Trim", "one scan of the string's ends"),
        ("System.String", "TrimStart", "one scan of the string's start"),
        ("System.String", "TrimEnd", "one scan of the string's end"),
        ("System.String", "ToUpperInvariant", "one copy of the string"),
        ("System.String", "ToLowerInvariant", "one copy of the string"),
        ("System.String", "StartsWith", "one comparison of a prefix"),
        ("System.String", "EndsWith", "one comparison of a suffix"),
        ("System.String", "Contains", "one scan of the string"),
        ("System.String", "PadLeft", "one copy of the string"),
        ("System.String", "PadRight", "one copy of the string"),
        ("System.String", "Length", "a field read"),

        // Path: only the members documented as string manipulation that never touch the file system or the process's
        // current directory (not Exists, GetFullPath, GetRelativePath, GetTempPath, GetTempFileName).
        ("System.IO.Path", "Combine", "string manipulation, no file system access"),
        ("System.IO.Path", "Join", "string manipulation, no file system access"),
        ("System.IO.Path", "GetFileName", "string manipulation, no file system access"),
        ("System.IO.Path", "GetFileNameWithoutExtension", "string manipulation, no file system access"),
        ("System.IO.Path", "GetExtension", "string manipulation, no file system access"),
        ("System.IO.Path", "ChangeExtension", "string manipulation, no file system access"),
        ("System.IO.Path", "GetDirectoryName", "string manipulation, no file system access"),
        ("System.IO.Path", "HasExtension", "string manipulation, no file system access"),
        ("System.IO.Path", "IsPathRooted", "string manipulation, no file system access"),
        ("System.IO.Path", "IsPathFullyQualified", "string manipulation, no file system access"),
        ("System.IO.Path", "GetPathRoot", "string manipulation, no file system access"),
        ("System.IO.Path", "EndsInDirectorySeparator", "string manipulation, no file system access"),
        ("System.IO.Path", "TrimEndingDirectorySeparator", "string manipulation, no file system access"),

        // MVC result factories: each only builds a result object (a view name and a model, a status code and a value);
        // the framework renders or serializes it after the action returns, on its own schedule.
        ("Microsoft.AspNetCore.Mvc.Controller", "View", "builds a result object; the framework executes it after the action returns"),
        ("Microsoft.AspNetCore.Mvc.Controller", "PartialView", "builds a result object; the framework executes it after the action returns"),
        ("Microsoft.AspNetCore.Mvc.Controller", "Json", "builds a result object; the framework executes it after the action returns"),
        ("Microsoft.AspNetCore.Mvc.Controller", "Content", "builds a result object; the framework executes it after the action returns"),
        ("Microsoft.AspNetCore.Mvc.Controller", "Ok", "builds a result object; the framework executes it after the action returns"),
        ("Microsoft.AspNetCore.Mvc.Controller", "NotFound", "builds a result object; the framework executes it after the action returns"),
        ("Microsoft.AspNetCore.Mvc.Controller", "BadRequest", "builds a result object; the framework executes it after the action returns"),
        ("Microsoft.AspNetCore.Mvc.Controller", "NoContent", "builds a result object; the framework executes it after the action returns"),
        ("Microsoft.AspNetCore.Mvc.Controller", "StatusCode", "builds a result object; the framework executes it after the action returns"),
        ("Microsoft.AspNetCore.Mvc.Controller", "Redirect", "builds a result object; the framework executes it after the action returns"),
        ("Microsoft.AspNetCore.Mvc.Controller", "RedirectToAction", "builds a result object; the framework executes it after the action returns"),
        ("Microsoft.AspNetCore.Mvc.Controller", "Unauthorized", "builds a result object; the framework executes it after the action returns"),
        ("Microsoft.AspNetCore.Mvc.Controller", "Forbid", "builds a result object; the framework executes it after the action returns"),
        ("Microsoft.AspNetCore.Mvc.ControllerBase", "Content", "builds a result object; the framework executes it after the action returns"),
        ("Microsoft.AspNetCore.Mvc.ControllerBase", "Ok", "builds a result object; the framework executes it after the action returns"),
        ("Microsoft.AspNetCore.Mvc.ControllerBase", "NotFound", "builds a result object; the framework executes it after the action returns"),
        ("Microsoft.AspNetCore.Mvc.ControllerBase", "BadRequest", "builds a result object; the framework executes it after the action returns"),
        ("Microsoft.AspNetCore.Mvc.ControllerBase", "NoContent", "builds a result object; the framework executes it after the action returns"),
        ("Microsoft.AspNetCore.Mvc.ControllerBase", "StatusCode", "builds a result object; the framework executes it after the action returns"),
        ("Microsoft.AspNetCore.Mvc.ControllerBase", "Redirect", "builds a result object; the framework executes it after the action returns"),
        ("Microsoft.AspNetCore.Mvc.ControllerBase", "RedirectToAction", "builds a result object; the framework executes it after the action returns"),
        ("Microsoft.AspNetCore.Mvc.ControllerBase", "Unauthorized", "builds a result object; the framework executes it after the action returns"),
        ("Microsoft.AspNetCore.Mvc.ControllerBase", "Forbid", "builds a result object; the framework executes it after the action returns"),
        ("System.Web.Mvc.Controller", "View", "builds a result object; the framework executes it after the action returns"),
        ("System.Web.Mvc.Controller", "PartialView", "builds a result object; the framework executes it after the action returns"),
        ("System.Web.Mvc.Controller", "Json", "builds a result object; the framework executes it after the action returns"),
        ("System.Web.Mvc.Controller", "Content", "builds a result object; the framework executes it after the action returns"),
        ("System.Web.Mvc.Controller", "Redirect", "builds a result object; the framework executes it after the action returns"),
        ("System.Web.Mvc.Controller", "RedirectToAction", "builds a result object; the framework executes it after the action returns"),

        // Time and identity values: a clock read or a few random bytes. DateTime.Now converts the clock to local time:
        // the local zone is read from disk once per process (TimeZoneInfo.Local caches it), then it is arithmetic.
        ("System.Guid", "NewGuid", "16 random bytes"),
        ("System.DateTime", "UtcNow", "a clock read"),
        ("System.DateTime", "Now", "a clock read converted with the cached local zone"),
        ("System.DateTimeOffset", "Now", "a clock read converted with the cached local zone"),
        ("System.DateTimeOffset", "UtcNow", "a clock read"),
        ("System.TimeSpan", "FromDays", "arithmetic on a scalar"),
        ("System.TimeSpan", "FromHours", "arithmetic on a scalar"),
        ("System.TimeSpan", "FromMinutes", "arithmetic on a scalar"),
        ("System.TimeSpan", "FromSeconds", "arithmetic on a scalar"),
        ("System.TimeSpan", "FromMilliseconds", "arithmetic on a scalar"),
        ("System.TimeSpan", "FromMicroseconds", "arithmetic on a scalar"),
        ("System.TimeSpan", "FromTicks", "arithmetic on a scalar"),

        // A console line: one short, synchronized write of formatted values (B2 in the unseen corpus's labels: "a few
        // console lines"); Console.Read*/ReadKey wait for input and are not listed.
        ("System.Console", "Write", "one short write of formatted values"),
        ("System.Console", "WriteLine", "one short write of formatted values"),
        ("System.Console", "KeyAvailable", "a check of the input buffer that returns at once"),
        ("System.ConsoleKeyInfo", "Key", "a field read"),
        ("System.ConsoleKeyInfo", "KeyChar", "a field read"),
        ("System.ConsoleKeyInfo", "Modifiers", "a field read"),

        // Debug output: [Conditional("DEBUG")], so gone from release builds, and one short line to the attached listeners otherwise.
        ("System.Diagnostics.Debug", "WriteLine", "removed from release builds; one short line otherwise"),
        ("System.Diagnostics.Debug", "Write", "removed from release builds; one short line otherwise"),
        ("System.Diagnostics.Debug", "Print", "removed from release builds; one short line otherwise"),

        // One log line: the message is formatted from plain values (the arguments are checked like a console line's)
        // and handed to the configured sinks, which buffer or write one short line. Treated as cheap as a console line
        // is; an overload that takes a generic value, an exception or a provider is not listed or fails the argument
        // check. From each library's documented logging surface: Microsoft.Extensions.Logging's LoggerExtensions,
        // Serilog's static Log and ILogger, NLog's Logger and ILogger, log4net's ILog.
        ("Microsoft.Extensions.Logging.LoggerExtensions", "LogTrace", "one log line"),
        ("Microsoft.Extensions.Logging.LoggerExtensions", "LogDebug", "one log line"),
        ("Microsoft.Extensions.Logging.LoggerExtensions", "LogInformation", "one log line"),
        ("Microsoft.Extensions.Logging.LoggerExtensions", "LogWarning", "one log line"),
        ("Microsoft.Extensions.Logging.LoggerExtensions", "LogError", "one log line"),
        ("Microsoft.Extensions.Logging.LoggerExtensions", "LogCritical", "one log line"),
        ("Serilog.Log", "Verbose", "one log line"), ("Serilog.Log", "Debug", "one log line"),
        ("Serilog.Log", "Information", "one log line"), ("Serilog.Log", "Warning", "one log line"),
        ("Serilog.Log", "Error", "one log line"), ("Serilog.Log", "Fatal", "one log line"),
        ("Serilog.ILogger", "Verbose", "one log line"), ("Serilog.ILogger", "Debug", "one log line"),
        ("Serilog.ILogger", "Information", "one log line"), ("Serilog.ILogger", "Warning", "one log line"),
        ("Serilog.ILogger", "Error", "one log line"), ("Serilog.ILogger", "Fatal", "one log line"),
        ("NLog.Logger", "Trace", "one log line"), ("NLog.Logger", "Debug", "one log line"),
        ("NLog.Logger", "Info", "one log line"), ("NLog.Logger", "Warn", "one log line"),
        ("NLog.Logger", "Error", "one log line"), ("NLog.Logger", "Fatal", "one log line"),
        ("NLog.ILogger", "Trace", "one log line"), ("NLog.ILogger", "Debug", "one log line"),
        ("NLog.ILogger", "Info", "one log line"), ("NLog.ILogger", "Warn", "one log line"),
        ("NLog.ILogger", "Error", "one log line"), ("NLog.ILogger", "Fatal", "one log line"),
        ("log4net.ILog", "Debug", "one log line"), ("log4net.ILog", "Info", "one log line"),
        ("log4net.ILog", "Warn", "one log line"), ("log4net.ILog", "Error", "one log line"),
        ("log4net.ILog", "Fatal", "one log line"),

        // Starting a timer or reading a completed task: returns at once (the delay itself runs nowhere).
        ("System.Threading.Tasks.Task", "Delay", "starts a timer and returns"),
        ("System.Threading.Tasks.Task", "CompletedTask", "a static field read"),

        // An empty object, usually a lock or a sentinel.
        ("System.Object", ".ctor", "allocates an empty object"),

        // Field reads behind framework properties.
        ("System.Array", "Length", "a field read"),
        ("System.Nullable`1", "HasValue", "a field read"),
        ("System.Nullable`1", "Value", "a field read"),
        ("System.Nullable`1", "GetValueOrDefault", "a field read"),
        ("System.Collections.Generic.KeyValuePair`2", "Key", "a field read"),
        ("System.Collections.Generic.KeyValuePair`2", "Value", "a field read"),
        ("System.Collections.Generic.List`1", "Count", "a field read"),
        // An HTTP response's status line, already parsed when the await of the request returned (the content is not).
        ("System.Net.Http.HttpResponseMessage", "StatusCode", "a field read"),
        ("System.Net.Http.HttpResponseMessage", "IsSuccessStatusCode", "a comparison of a field"),
        ("System.Net.Http.HttpResponseMessage", "ReasonPhrase", "a field read"),
        ("System.Net.Http.HttpResponseMessage", "EnsureSuccessStatusCode", "a comparison of a field, or a throw"),
        ("System.Threading.CancellationToken", "IsCancellationRequested", "a field read"),
        ("System.Threading.Thread", "ManagedThreadId", "a field read"),
        // The objects through which work is posted to a UI thread (see Posts): static or field reads.
        ("Avalonia.Threading.Dispatcher", "UIThread", "a static field read"),
        ("System.Windows.Application", "Current", "a static field read"),
        ("System.Windows.Threading.DispatcherObject", "Dispatcher", "a field read"),
        ("System.Threading.SynchronizationContext", "Current", "a thread-static read"),

        // Deferred LINQ: every public method of Enumerable and Queryable whose overloads all return a sequence
        // (IEnumerable, IOrderedEnumerable, IQueryable, IOrderedQueryable) builds a query and runs none of it; its
        // lambdas run later, where the query is enumerated. Listed from the metadata of net10.0.
        ("System.Linq.Enumerable", "AggregateBy", "deferred"), ("System.Linq.Enumerable", "Append", "deferred"),
        ("System.Linq.Enumerable", "AsEnumerable", "deferred"), ("System.Linq.Enumerable", "Cast", "deferred"),
        ("System.Linq.Enumerable", "Chunk", "deferred"), ("System.Linq.Enumerable", "Concat", "deferred"),
        ("System.Linq.Enumerable", "CountBy", "deferred"), ("System.Linq.Enumerable", "DefaultIfEmpty", "deferred"),
        ("System.Linq.Enumerable", "Distinct", "deferred"), ("System.Linq.Enumerable", "DistinctBy", "deferred"),
        ("System.Linq.Enumerable", "Empty", "deferred"), ("System.Linq.Enumerable", "Except", "deferred"),
        ("System.Linq.Enumerable", "ExceptBy", "deferred"), ("System.Linq.Enumerable", "GroupBy", "deferred"),
        ("System.Linq.Enumerable", "GroupJoin", "deferred"), ("System.Linq.Enumerable", "Index", "deferred"),
        ("System.Linq.Enumerable", "InfiniteSequence", "deferred"), ("System.Linq.Enumerable", "Intersect", "deferred"),
        ("System.Linq.Enumerable", "IntersectBy", "deferred"), ("System.Linq.Enumerable", "Join", "deferred"),
        ("System.Linq.Enumerable", "LeftJoin", "deferred"), ("System.Linq.Enumerable", "OfType", "deferred"),
        ("System.Linq.Enumerable", "Order", "deferred"), ("System.Linq.Enumerable", "OrderBy", "deferred"),
        ("System.Linq.Enumerable", "OrderByDescending", "deferred"), ("System.Linq.Enumerable", "OrderDescending", "deferred"),
        ("System.Linq.Enumerable", "Prepend", "deferred"), ("System.Linq.Enumerable", "Range", "deferred"),
        ("System.Linq.Enumerable", "Repeat", "deferred"), ("System.Linq.Enumerable", "Reverse", "deferred"),
        ("System.Linq.Enumerable", "RightJoin", "deferred"), ("System.Linq.Enumerable", "Select", "deferred"),
        ("System.Linq.Enumerable", "SelectMany", "deferred"), ("System.Linq.Enumerable", "Sequence", "deferred"),
        ("System.Linq.Enumerable", "Shuffle", "deferred"), ("System.Linq.Enumerable", "Skip", "deferred"),
        ("System.Linq.Enumerable", "SkipLast", "deferred"), ("System.Linq.Enumerable", "SkipWhile", "deferred"),
        ("System.Linq.Enumerable", "Take", "deferred"), ("System.Linq.Enumerable", "TakeLast", "deferred"),
        ("System.Linq.Enumerable", "TakeWhile", "deferred"), ("System.Linq.Enumerable", "ThenBy", "deferred"),
        ("System.Linq.Enumerable", "ThenByDescending", "deferred"), ("System.Linq.Enumerable", "Union", "deferred"),
        ("System.Linq.Enumerable", "UnionBy", "deferred"), ("System.Linq.Enumerable", "Where", "deferred"),
        ("System.Linq.Enumerable", "Zip", "deferred"),
        ("System.Linq.Queryable", "AggregateBy", "deferred"), ("System.Linq.Queryable", "Append", "deferred"),
        ("System.Linq.Queryable", "AsQueryable", "deferred"), ("System.Linq.Queryable", "Cast", "deferred"),
        ("System.Linq.Queryable", "Chunk", "deferred"), ("System.Linq.Queryable", "Concat", "deferred"),
        ("System.Linq.Queryable", "CountBy", "deferred"), ("System.Linq.Queryable", "DefaultIfEmpty", "deferred"),
        ("System.Linq.Queryable", "Distinct", "deferred"), ("System.Linq.Queryable", "DistinctBy", "deferred"),
        ("System.Linq.Queryable", "Except", "deferred"), ("System.Linq.Queryable", "ExceptBy", "deferred"),
        ("System.Linq.Queryable", "GroupBy", "deferred"), ("System.Linq.Queryable", "GroupJoin", "deferred"),
        ("System.Linq.Queryable", "Index", "deferred"), ("System.Linq.Queryable", "Intersect", "deferred"),
        ("System.Linq.Queryable", "IntersectBy", "deferred"), ("System.Linq.Queryable", "Join", "deferred"),
        ("System.Linq.Queryable", "LeftJoin", "deferred"), ("System.Linq.Queryable", "OfType", "deferred"),
        ("System.Linq.Queryable", "Order", "deferred"), ("System.Linq.Queryable", "OrderBy", "deferred"),
        ("System.Linq.Queryable", "OrderByDescending", "deferred"), ("System.Linq.Queryable", "OrderDescending", "deferred"),
        ("System.Linq.Queryable", "Prepend", "deferred"), ("System.Linq.Queryable", "Reverse", "deferred"),
        ("System.Linq.Queryable", "RightJoin", "deferred"), ("System.Linq.Queryable", "Select", "deferred"),
        ("System.Linq.Queryable", "SelectMany", "deferred"), ("System.Linq.Queryable", "Shuffle", "deferred"),
        ("System.Linq.Queryable", "Skip", "deferred"), ("System.Linq.Queryable", "SkipLast", "deferred"),
        ("System.Linq.Queryable", "SkipWhile", "deferred"), ("System.Linq.Queryable", "Take", "deferred"),
        ("System.Linq.Queryable", "TakeLast", "deferred"), ("System.Linq.Queryable", "TakeWhile", "deferred"),
        ("System.Linq.Queryable", "ThenBy", "deferred"), ("System.Linq.Queryable", "ThenByDescending", "deferred"),
        ("System.Linq.Queryable", "Union", "deferred"), ("System.Linq.Queryable", "UnionBy", "deferred"),
        ("System.Linq.Queryable", "Where", "deferred"), ("System.Linq.Queryable", "Zip", "deferred"),
    };

    /// <summary>
    /// Members of the in-memory collections that store, find or take one element in constant (amortized) time: their
    /// element and key arguments are kept or hashed, never formatted, so any type may be passed (a key's
    /// <c>GetHashCode</c> and <c>Equals</c> are assumed cheap, as every hashed collection assumes). Members that walk the
    /// collection (<c>Contains</c> on a list, <c>Remove</c>, <c>Insert</c>, <c>AddRange</c>) or take a delegate are not
    /// listed. Taken from each type's public surface in the net10.0 reference metadata and its documented complexity.
    /// </summary>
    public static readonly (string Type, string Member, string Why)[] Stores =
    {
        ("System.Collections.Generic.List`1", "Add", "one store, amortized: the backing array is copied only when it doubles"),
        ("System.Collections.Generic.List`1", "this[]", "one indexed load or store"),
        ("System.Collections.Generic.Dictionary`2", "Add", "one hashed store"),
        ("System.Collections.Generic.Dictionary`2", "TryAdd", "one hashed store"),
        ("System.Collections.Generic.Dictionary`2", "TryGetValue", "one hashed lookup"),
        ("System.Collections.Generic.Dictionary`2", "ContainsKey", "one hashed lookup"),
        ("System.Collections.Generic.Dictionary`2", "Remove", "one hashed removal"),
        ("System.Collections.Generic.Dictionary`2", "this[]", "one hashed load or store"),
        ("System.Collections.Generic.Dictionary`2", "Count", "a field read"),
        ("System.Collections.Generic.HashSet`1", "Add", "one hashed store"),
        ("System.Collections.Generic.HashSet`1", "Contains", "one hashed lookup"),
        ("System.Collections.Generic.HashSet`1", "Remove", "one hashed removal"),
        ("System.Collections.Generic.HashSet`1", "Count", "a field read"),
        ("System.Collections.Generic.Queue`1", "Enqueue", "one store, amortized"),
        ("System.Collections.Generic.Queue`1", "Dequeue", "one load"),
        ("System.Collections.Generic.Queue`1", "TryDequeue", "one load"),
        ("System.Collections.Generic.Queue`1", "Peek", "one load"),
        ("System.Collections.Generic.Queue`1", "Count", "a field read"),
        ("System.Collections.Generic.Stack`1", "Push", "one store, amortized"),
        ("System.Collections.Generic.Stack`1", "Pop", "one load"),
        ("System.Collections.Generic.Stack`1", "TryPop", "one load"),
        ("System.Collections.Generic.Stack`1", "Peek", "one load"),
        ("System.Collections.Generic.Stack`1", "Count", "a field read"),
        ("System.Collections.Concurrent.ConcurrentQueue`1", "Enqueue", "one lock-free store"),
        ("System.Collections.Concurrent.ConcurrentQueue`1", "TryDequeue", "one lock-free load"),
        ("System.Collections.Concurrent.ConcurrentBag`1", "Add", "one store in the thread's own list"),
        ("System.Collections.Concurrent.ConcurrentDictionary`2", "TryAdd", "one hashed store under a stripe lock"),
        ("System.Collections.Concurrent.ConcurrentDictionary`2", "TryGetValue", "one lock-free hashed lookup"),
        ("System.Collections.Concurrent.ConcurrentDictionary`2", "ContainsKey", "one lock-free hashed lookup"),
        ("System.Collections.Concurrent.ConcurrentDictionary`2", "TryRemove", "one hashed removal under a stripe lock"),
        ("System.Collections.Concurrent.ConcurrentDictionary`2", "this[]", "one hashed load or store"),
    };

    /// <summary>
    /// Members that only queue a delegate to a UI thread (or a captured context) and return: the delegate runs later,
    /// there, like a deferred query's lambdas. From the documented dispatch surface of WPF/Avalonia dispatchers,
    /// WinForms controls, Xamarin.Forms and .NET MAUI, and <c>SynchronizationContext.Post</c>.
    /// </summary>
    public static readonly (string Type, string Member)[] Posts =
    {
        ("Xamarin.Forms.Device", "BeginInvokeOnMainThread"),
        ("Microsoft.Maui.ApplicationModel.MainThread", "BeginInvokeOnMainThread"),
        ("Microsoft.Maui.ApplicationModel.MainThread", "InvokeOnMainThreadAsync"),
        ("Xamarin.Essentials.MainThread", "BeginInvokeOnMainThread"),
        ("Xamarin.Essentials.MainThread", "InvokeOnMainThreadAsync"),
        ("System.Windows.Threading.Dispatcher", "BeginInvoke"),
        ("System.Windows.Threading.Dispatcher", "InvokeAsync"),
        ("Avalonia.Threading.Dispatcher", "Post"),
        ("Avalonia.Threading.Dispatcher", "InvokeAsync"),
        ("System.Windows.Forms.Control", "BeginInvoke"),
        ("System.Threading.SynchronizationContext", "Post"),
    };

    /// <summary>
    /// Cheap members whose value depends on the thread that reads them: still cheap, but running them inline instead
    /// of on a pool thread changes what they return, so a delegate that reads one gets no inline fix.
    /// </summary>
    public static readonly (string Type, string Member)[] ThreadDependent =
    {
        ("System.Environment", "CurrentManagedThreadId"),
        ("System.Threading.Thread", "CurrentThread"),
    };

    /// <summary>
    /// Types whose <c>ToString()</c>, string formatting and concatenation run no user code and take bounded time
    /// (besides the primitive types, string and enums, which are recognized by their kind).
    /// </summary>
    public static readonly string[] FormattableValueTypes =
    {
        "System.Guid",
        "System.TimeSpan",
        "System.DateTimeOffset",
    };
}
