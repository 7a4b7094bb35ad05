namespace Blitz.Analyzers.Common;

/// <summary>
/// BLZ102's convention for referenced (metadata) members beyond the <see cref="KnownApis.SyncIo"/> table: a sync
/// member <c>M(params)</c> is sync I/O when its own type or a base type declares a public task-returning
/// <c>MAsync(params[, CancellationToken])</c> (or <c>MTaskAsync</c>, the TAP name beside an event-based <c>MAsync</c>)
/// with the same return value, unless one of the exclusions below applies (see <see cref="SyncTwins"/>).
/// </summary>
/// <remarks>
/// Derived by running the convention over the net10.0 reference assemblies of Microsoft.NETCore.App.Ref and
/// Microsoft.AspNetCore.App.Ref (a throwaway Roslyn script: every public type, every public ordinary method, its
/// namesake twins in the type and its bases): 570 pairs (472 in the BCL). The exclusions are the families in that list
/// whose pairs are not blocking I/O, each with the reason below; with them the convention admits 342 members (301 in
/// the BCL, 118 of those beyond the table). The irregular twins (a different name) are the pairs found by listing
/// every task-returning <c>XAsync</c> without an <c>X</c> and reading the sync members of its type with the same
/// parameters, and they live in <see cref="KnownApis.SyncIo"/> (Ping.Send, SmtpClient.Send).
/// </remarks>
internal static class KnownSyncTwins
{
    /// <summary>The suffixes that name a twin, in the order they are tried.</summary>
    public static readonly string[] TwinSuffixes = { "Async", "TaskAsync" };

    /// <summary>
    /// Sync members that never block even though a twin exists: the twin is a different operation (<c>DisposeAsync</c>
    /// is <c>await using</c>'s business) or the sync member only signals (<c>Cancel</c> runs callbacks inline,
    /// <c>CancelAsync</c> on the pool; <c>Complete</c> marks a pipe or channel done).
    /// </summary>
    public static readonly string[] NonBlockingNames = { "Dispose", "Cancel", "CancelAfter", "Complete" };

    /// <summary>
    /// A sync member named <c>Try*</c> (TryRead, TryWrite, TryComplete, TryGet...) is the non-blocking half of its
    /// pair by the framework's naming: it answers false instead of waiting.
    /// </summary>
    public const string NonBlockingPrefix = "Try";

    /// <summary>
    /// Namespaces (and their sub-namespaces) whose sync/async pairs are not I/O: System.Threading's are waits and
    /// signals (BLZ103 reports the waits); MVC, Razor and Components pairs are overridable hooks
    /// (<c>TagHelper.Process</c>, <c>ActionResult.ExecuteResult</c>, <c>InputFormatterResult.Success</c>) the framework
    /// calls in either form; JSInterop's in-process runtime is synchronous by design.
    /// </summary>
    public static readonly string[] NonIoNamespaces =
    {
        "System.Threading",
        "Microsoft.AspNetCore.Mvc",
        "Microsoft.AspNetCore.Razor",
        "Microsoft.AspNetCore.Components",
        "Microsoft.JSInterop",
    };

    /// <summary>
    /// Types whose async members throw unless the instance was created with <c>Async = true</c>
    /// (XmlReaderSettings/XmlWriterSettings): a call on one, or taking one, cannot be rewritten to its twin safely.
    /// </summary>
    public static readonly string[] AsyncOptInTypes = { "System.Xml.XmlReader", "System.Xml.XmlWriter" };

    /// <summary>
    /// Documented non-blocking members with a twin: a data reader's column getters read the row already fetched by
    /// <c>Read</c> (their async forms matter only with <c>CommandBehavior.SequentialAccess</c>), and EF Core's
    /// <c>Add</c> only tracks the entity (<c>AddAsync</c> exists for value generators that reach the database).
    /// <c>ZipArchiveEntry.Open</c> (its <c>OpenAsync</c> is new in .NET 10) reads, in an archive opened for reading,
    /// only the entry's local header (a few dozen bytes: the constructor already read the central directory); the
    /// entry's content is read through the returned stream, and that is where the awaits belong
    /// (<c>await entry.Open().CopyToAsync(file)</c>). Only an archive opened for update loads the entry whole in
    /// <c>Open</c>, a mode this list gives up for the common one.
    /// </summary>
    public static readonly (string Type, string Member)[] NonBlockingMembers =
    {
        ("System.Data.Common.DbDataReader", "GetFieldValue"),
        ("System.Data.Common.DbDataReader", "IsDBNull"),
        ("System.Data.Common.DbDataReader", "GetSchemaTable"),
        ("System.Data.DataReaderExtensions", "GetFieldValue"),
        ("System.Data.DataReaderExtensions", "IsDBNull"),
        ("Microsoft.EntityFrameworkCore.DbContext", "Add"),
        ("Microsoft.EntityFrameworkCore.DbContext", "AddRange"),
        ("Microsoft.EntityFrameworkCore.DbSet`1", "Add"),
        ("Microsoft.EntityFrameworkCore.DbSet`1", "AddRange"),
        ("System.IO.Compression.ZipArchiveEntry", "Open"),
    };
}
