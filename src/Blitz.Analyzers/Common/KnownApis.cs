namespace Blitz.Analyzers.Common;

/// <summary>When a CPU-heavy API entry applies.</summary>
internal enum HeavyWhen
{
    /// <summary>Every call is heavy (key derivation, password hashing).</summary>
    Always,
    /// <summary>Heavy when an argument is <c>SearchOption.AllDirectories</c>: a recursive directory walk.</summary>
    AllDirectories,
    /// <summary>Heavy when the overload takes an <c>int</c> (a key size): key generation.</summary>
    KeySizeArgument,
    /// <summary>Heavy when a string argument holds a whole payload the method read (<see cref="WholePayload"/>).</summary>
    WholePayloadArgument,
    /// <summary>
    /// Heavy when an argument is a stream, text reader/writer or XML reader/writer not over memory: the whole content
    /// is read or written synchronously, and (de)serialized (a serializer over a file or a socket).
    /// </summary>
    IoArgument,
    /// <summary>Heavy when a <c>RegexOptions</c> argument asks for <c>Compiled</c>: the pattern is compiled to IL at each call.</summary>
    CompiledRegex,
    /// <summary>
    /// Heavy when an argument is a <c>Stream</c> (the whole stream is read and processed) or the bytes of a whole file
    /// the method read (<see cref="WholePayload.IsWholeFile"/>).
    /// </summary>
    WholeInputArgument,
    /// <summary>
    /// Every call is heavy, and it is sync file I/O as well when given a path (a string) or a stream, reader or writer
    /// not over memory: an image codec, an archive or an XML document reading or writing a file.
    /// </summary>
    FileArgument,
    /// <summary>
    /// Every call is blocking I/O that has no async counterpart (a data adapter's <c>Fill</c>): its place is the
    /// blocking pool. Where a version of the type does have a twin (<see cref="SyncTwins"/>), BLZ102 names it instead.
    /// </summary>
    BlockingIo,
}

/// <summary>
/// The API tables of the bucket analyzers, as data. Types are metadata names; a type absent from the compilation
/// simply contributes nothing. Counterparts are matched by signature (see <see cref="BlitzSymbols"/>), never by name
/// alone: a sync method maps to an async one only if the async one takes the same parameters, optionally followed by
/// a <c>CancellationToken</c>.
/// </summary>
internal static class KnownApis
{
    /// <summary>BLZ102: synchronous I/O and the name of its async counterpart.</summary>
    public static readonly (string Type, string Method, string Counterpart)[] SyncIo =
    {
        ("System.IO.Stream", "Read", "ReadAsync"),
        ("System.IO.Stream", "Write", "WriteAsync"),
        ("System.IO.Stream", "Flush", "FlushAsync"),
        ("System.IO.Stream", "CopyTo", "CopyToAsync"),
        ("System.IO.Stream", "ReadExactly", "ReadExactlyAsync"),
        ("System.IO.Stream", "ReadAtLeast", "ReadAtLeastAsync"),
        ("System.IO.TextReader", "Read", "ReadAsync"),
        ("System.IO.TextReader", "ReadBlock", "ReadBlockAsync"),
        ("System.IO.TextReader", "ReadLine", "ReadLineAsync"),
        ("System.IO.TextReader", "ReadToEnd", "ReadToEndAsync"),
        ("System.IO.TextWriter", "Write", "WriteAsync"),
        ("System.IO.TextWriter", "WriteLine", "WriteLineAsync"),
        ("System.IO.TextWriter", "Flush", "FlushAsync"),
        ("System.IO.File", "ReadAllText", "ReadAllTextAsync"),
        ("System.IO.File", "ReadAllBytes", "ReadAllBytesAsync"),
        ("System.IO.File", "ReadAllLines", "ReadAllLinesAsync"),
        ("System.IO.File", "WriteAllText", "WriteAllTextAsync"),
        ("System.IO.File", "WriteAllBytes", "WriteAllBytesAsync"),
        ("System.IO.File", "WriteAllLines", "WriteAllLinesAsync"),
        ("System.IO.File", "AppendAllText", "AppendAllTextAsync"),
        ("System.IO.File", "AppendAllLines", "AppendAllLinesAsync"),
        ("System.Net.Sockets.Socket", "Connect", "ConnectAsync"),
        ("System.Net.Sockets.Socket", "Accept", "AcceptAsync"),
        ("System.Net.Sockets.Socket", "Send", "SendAsync"),
        ("System.Net.Sockets.Socket", "Receive", "ReceiveAsync"),
        ("System.Net.Sockets.Socket", "Disconnect", "DisconnectAsync"),
        ("System.Net.Sockets.TcpClient", "Connect", "ConnectAsync"),
        ("System.Net.Sockets.TcpListener", "AcceptTcpClient", "AcceptTcpClientAsync"),
        ("System.Net.Sockets.TcpListener", "AcceptSocket", "AcceptSocketAsync"),
        ("System.Net.Sockets.UdpClient", "Send", "SendAsync"),
        ("System.Net.Sockets.UdpClient", "Receive", "ReceiveAsync"),
        ("System.Net.Http.HttpClient", "Send", "SendAsync"),
        ("System.Net.Http.HttpContent", "ReadAsStream", "ReadAsStreamAsync"),
        ("System.Net.Http.HttpContent", "CopyTo", "CopyToAsync"),
        ("System.Net.Dns", "GetHostEntry", "GetHostEntryAsync"),
        ("System.Net.Dns", "GetHostAddresses", "GetHostAddressesAsync"),
        ("System.Net.NetworkInformation.Ping", "Send", "SendPingAsync"),
        ("System.Data.Common.DbConnection", "Open", "OpenAsync"),
        ("System.Data.Common.DbConnection", "Close", "CloseAsync"),
        ("System.Data.Common.DbConnection", "BeginTransaction", "BeginTransactionAsync"),
        ("System.Data.Common.DbCommand", "ExecuteNonQuery", "ExecuteNonQueryAsync"),
        ("System.Data.Common.DbCommand", "ExecuteReader", "ExecuteReaderAsync"),
        ("System.Data.Common.DbCommand", "ExecuteScalar", "ExecuteScalarAsync"),
        ("System.Data.Common.DbCommand", "Prepare", "PrepareAsync"),
        ("System.Data.Common.DbDataReader", "Read", "ReadAsync"),
        ("System.Data.Common.DbDataReader", "NextResult", "NextResultAsync"),
        ("System.Data.Common.DbTransaction", "Commit", "CommitAsync"),
        ("System.Data.Common.DbTransaction", "Rollback", "RollbackAsync"),
        ("System.Diagnostics.Process", "WaitForExit", "WaitForExitAsync"),
        ("System.Text.Json.JsonSerializer", "Serialize", "SerializeAsync"),
        ("System.Text.Json.JsonSerializer", "Deserialize", "DeserializeAsync"),
        ("System.Text.Json.JsonDocument", "Parse", "ParseAsync"),
        ("System.Xml.Linq.XDocument", "Save", "SaveAsync"),
        ("System.Xml.Linq.XElement", "Save", "SaveAsync"),

        // Phase 2: irregular twins (another name than M + "Async"), from the BCL survey described in KnownSyncTwins.
        ("System.Net.Mail.SmtpClient", "Send", "SendMailAsync"),
    };

    /// <summary>BLZ102: receivers that look like I/O but never block (in-memory buffers, the console writers).</summary>
    public static readonly string[] NonBlockingIoTypes =
    {
        "System.IO.MemoryStream",
        "System.IO.UnmanagedMemoryStream",
        "System.IO.StringReader",
        "System.IO.StringWriter",

        // Phase 2 (BLZ102 precision): a DataTable's reader, the pooled memory stream of Microsoft.IO (a MemoryStream,
        // named for the record), the in-process IDistributedCache. Source-declared in-memory streams: SourceInMemoryIoTypes.
        "System.Data.DataTableReader",
        "Microsoft.IO.RecyclableMemoryStream",
        "Microsoft.Extensions.Caching.Distributed.MemoryDistributedCache",
    };

    /// <summary>
    /// BLZ104 (not BLZ102): reading or writing through a compression stream is CPU work (bucket 3); its async
    /// counterpart compresses on the calling thread just the same.
    /// </summary>
    public static readonly string[] CompressionStreamTypes =
    {
        "System.IO.Compression.BrotliStream",
        "System.IO.Compression.GZipStream",
        "System.IO.Compression.DeflateStream",
        "System.IO.Compression.ZLibStream",
    };

    /// <summary>BLZ102: static properties whose value is exempt (Console.Out and Console.Error are synchronized, buffered writers).</summary>
    public static readonly (string Type, string Property)[] NonBlockingIoProperties =
    {
        ("System.Console", "Out"),
        ("System.Console", "Error"),
    };

    /// <summary>BLZ104: known CPU-heavy APIs ("*" = every member of the type of that name, ".ctor" = constructors).</summary>
    public static readonly (string Type, string Member, HeavyWhen When, string What)[] CpuHeavy =
    {
        ("System.Security.Cryptography.Rfc2898DeriveBytes", "Pbkdf2", HeavyWhen.Always, "key derivation (PBKDF2)"),
        ("System.Security.Cryptography.Rfc2898DeriveBytes", "GetBytes", HeavyWhen.Always, "key derivation (PBKDF2)"),
        ("Microsoft.AspNetCore.Cryptography.KeyDerivation.KeyDerivation", "Pbkdf2", HeavyWhen.Always, "key derivation (PBKDF2)"),
        ("Microsoft.AspNetCore.Identity.PasswordHasher`1", "HashPassword", HeavyWhen.Always, "password hashing"),
        ("Microsoft.AspNetCore.Identity.PasswordHasher`1", "VerifyHashedPassword", HeavyWhen.Always, "password hashing"),
        ("BCrypt.Net.BCrypt", "HashPassword", HeavyWhen.Always, "password hashing (bcrypt)"),
        ("BCrypt.Net.BCrypt", "EnhancedHashPassword", HeavyWhen.Always, "password hashing (bcrypt)"),
        ("BCrypt.Net.BCrypt", "Verify", HeavyWhen.Always, "password hashing (bcrypt)"),
        ("System.Security.Cryptography.RSA", "Create", HeavyWhen.KeySizeArgument, "RSA key generation"),
        ("System.Security.Cryptography.DSA", "Create", HeavyWhen.KeySizeArgument, "DSA key generation"),
        ("System.Security.Cryptography.RSACryptoServiceProvider", ".ctor", HeavyWhen.KeySizeArgument, "RSA key generation"),
        ("System.Security.Cryptography.HashAlgorithm", "ComputeHash", HeavyWhen.WholeInputArgument, "hashing a whole stream or file"),
        ("System.Security.Cryptography.SHA1", "HashData", HeavyWhen.WholeInputArgument, "hashing a whole stream or file"),
        ("System.Security.Cryptography.SHA256", "HashData", HeavyWhen.WholeInputArgument, "hashing a whole stream or file"),
        ("System.Security.Cryptography.SHA384", "HashData", HeavyWhen.WholeInputArgument, "hashing a whole stream or file"),
        ("System.Security.Cryptography.SHA512", "HashData", HeavyWhen.WholeInputArgument, "hashing a whole stream or file"),
        ("System.Security.Cryptography.MD5", "HashData", HeavyWhen.WholeInputArgument, "hashing a whole stream or file"),
        ("System.Security.Cryptography.HMACSHA256", "HashData", HeavyWhen.WholeInputArgument, "hashing a whole stream or file"),
        ("System.Security.Cryptography.HMACSHA512", "HashData", HeavyWhen.WholeInputArgument, "hashing a whole stream or file"),
        ("System.IO.Compression.BrotliEncoder", "TryCompress", HeavyWhen.Always, "Brotli compression"),
        ("System.IO.Compression.ZipFile", "CreateFromDirectory", HeavyWhen.FileArgument, "zipping a directory"),
        ("System.IO.Compression.ZipFile", "ExtractToDirectory", HeavyWhen.FileArgument, "unzipping an archive"),
        ("System.IO.Compression.ZipFileExtensions", "ExtractToDirectory", HeavyWhen.FileArgument, "unzipping an archive"),
        ("System.IO.Compression.ZipFileExtensions", "CreateEntryFromFile", HeavyWhen.FileArgument, "compressing a file into an archive"),
        ("System.IO.Compression.ZipFileExtensions", "ExtractToFile", HeavyWhen.FileArgument, "unzipping an archive entry to a file"),
        // DotNetZip (Ionic.Zip): Save and the extractions compress or decompress the whole archive.
        ("Ionic.Zip.ZipFile", "Save", HeavyWhen.FileArgument, "writing a zip archive"),
        ("Ionic.Zip.ZipFile", "ExtractAll", HeavyWhen.FileArgument, "unzipping an archive"),
        ("Ionic.Zip.ZipFile", "ExtractSelectedEntries", HeavyWhen.FileArgument, "unzipping an archive"),
        ("Ionic.Zip.ZipEntry", "Extract", HeavyWhen.FileArgument, "unzipping an archive entry"),
        // Blocking I/O with no async counterpart: ADO.NET data adapters run their commands synchronously, and the
        // EF4/EF5 contexts had no SaveChangesAsync (EF6's has one, and BLZ102 names it).
        ("System.Data.Common.DataAdapter", "Fill", HeavyWhen.BlockingIo, "a database query with no async counterpart"),
        ("System.Data.Common.DataAdapter", "FillSchema", HeavyWhen.BlockingIo, "a database query with no async counterpart"),
        ("System.Data.Common.DataAdapter", "Update", HeavyWhen.BlockingIo, "database writes with no async counterpart"),
        ("System.Data.Common.DbDataAdapter", "Fill", HeavyWhen.BlockingIo, "a database query with no async counterpart"),
        ("System.Data.Common.DbDataAdapter", "FillSchema", HeavyWhen.BlockingIo, "a database query with no async counterpart"),
        ("System.Data.Common.DbDataAdapter", "Update", HeavyWhen.BlockingIo, "database writes with no async counterpart"),
        ("System.Data.SqlClient.SqlDataAdapter", "Fill", HeavyWhen.BlockingIo, "a database query with no async counterpart"),
        ("Microsoft.Data.SqlClient.SqlDataAdapter", "Fill", HeavyWhen.BlockingIo, "a database query with no async counterpart"),
        ("System.Data.Entity.DbContext", "SaveChanges", HeavyWhen.BlockingIo, "database writes"),
        ("System.Data.Objects.ObjectContext", "SaveChanges", HeavyWhen.BlockingIo, "database writes"),
        ("System.IO.Directory", "GetFiles", HeavyWhen.AllDirectories, "a recursive directory walk"),
        ("System.IO.Directory", "EnumerateFiles", HeavyWhen.AllDirectories, "a recursive directory walk"),
        ("System.IO.Directory", "GetDirectories", HeavyWhen.AllDirectories, "a recursive directory walk"),
        ("System.IO.Directory", "EnumerateDirectories", HeavyWhen.AllDirectories, "a recursive directory walk"),
        ("System.IO.Directory", "GetFileSystemEntries", HeavyWhen.AllDirectories, "a recursive directory walk"),
        ("System.IO.Directory", "EnumerateFileSystemEntries", HeavyWhen.AllDirectories, "a recursive directory walk"),
        ("System.IO.DirectoryInfo", "GetFiles", HeavyWhen.AllDirectories, "a recursive directory walk"),
        ("System.IO.DirectoryInfo", "EnumerateFiles", HeavyWhen.AllDirectories, "a recursive directory walk"),
        ("System.IO.DirectoryInfo", "GetFileSystemInfos", HeavyWhen.AllDirectories, "a recursive directory walk"),
        ("System.IO.File", "Copy", HeavyWhen.FileArgument, "copying a file"),
        ("System.IO.FileInfo", "CopyTo", HeavyWhen.FileArgument, "copying a file"),
        ("System.Xml.XmlDocument", "Load", HeavyWhen.FileArgument, "loading a whole XML document"),
        ("System.Xml.Linq.XDocument", "Load", HeavyWhen.FileArgument, "loading a whole XML document"),
        ("System.Xml.Linq.XElement", "Load", HeavyWhen.FileArgument, "loading a whole XML document"),
        // The BCL's serializers that take a stream, reader or writer and have no async twin (the table of sync twins
        // covers JsonSerializer, JsonDocument and XDocument/XElement.Save): every Serialize/Deserialize/ReadObject/
        // WriteObject/ReadXml/WriteXml/Save/Load over one, listed from the reference assemblies' public members.
        ("System.Xml.Serialization.XmlSerializer", "Serialize", HeavyWhen.IoArgument, "XML serialization over a stream"),
        ("System.Xml.Serialization.XmlSerializer", "Deserialize", HeavyWhen.IoArgument, "XML deserialization of a whole stream"),
        ("System.Runtime.Serialization.XmlObjectSerializer", "ReadObject", HeavyWhen.IoArgument, "deserialization of a whole stream"),
        ("System.Runtime.Serialization.XmlObjectSerializer", "WriteObject", HeavyWhen.IoArgument, "serialization over a stream"),
        ("System.Runtime.Serialization.DataContractSerializer", "ReadObject", HeavyWhen.IoArgument, "deserialization of a whole stream"),
        ("System.Runtime.Serialization.DataContractSerializer", "WriteObject", HeavyWhen.IoArgument, "serialization over a stream"),
        ("System.Runtime.Serialization.Json.DataContractJsonSerializer", "ReadObject", HeavyWhen.IoArgument, "JSON deserialization of a whole stream"),
        ("System.Runtime.Serialization.Json.DataContractJsonSerializer", "WriteObject", HeavyWhen.IoArgument, "JSON serialization over a stream"),
        ("System.Xml.XmlDocument", "Save", HeavyWhen.FileArgument, "saving a whole XML document"),
        ("System.Data.DataSet", "ReadXml", HeavyWhen.FileArgument, "reading a whole XML document into a DataSet"),
        ("System.Data.DataSet", "WriteXml", HeavyWhen.FileArgument, "writing a whole DataSet as XML"),
        ("System.Data.DataTable", "ReadXml", HeavyWhen.FileArgument, "reading a whole XML document into a DataTable"),
        ("System.Data.DataTable", "WriteXml", HeavyWhen.FileArgument, "writing a whole DataTable as XML"),
        ("System.Xml.Xsl.XslCompiledTransform", "Transform", HeavyWhen.Always, "an XSLT transform of a whole document"),
        // Certificate chains: Build may fetch intermediate certificates and revocation lists over the network.
        ("System.Security.Cryptography.X509Certificates.X509Chain", "Build", HeavyWhen.Always, "building a certificate chain"),
        // Big-number maths: modular exponentiation is the cost of RSA and Diffie-Hellman done by hand.
        ("System.Numerics.BigInteger", "ModPow", HeavyWhen.Always, "modular exponentiation of big integers"),
        // Image codecs (System.Drawing on Windows, SkiaSharp): every call decodes or encodes a whole image.
        ("System.Drawing.Image", "FromFile", HeavyWhen.FileArgument, "decoding an image"),
        ("System.Drawing.Image", "FromStream", HeavyWhen.Always, "decoding an image"),
        ("System.Drawing.Image", "Save", HeavyWhen.FileArgument, "encoding an image"),
        ("System.Drawing.Bitmap", ".ctor", HeavyWhen.IoArgument, "decoding an image"),
        ("SkiaSharp.SKBitmap", "Decode", HeavyWhen.Always, "decoding an image"),
        ("SkiaSharp.SKImage", "FromEncodedData", HeavyWhen.Always, "decoding an image"),
        ("SkiaSharp.SKImage", "Encode", HeavyWhen.Always, "encoding an image"),
        ("SkiaSharp.SKBitmap", "Encode", HeavyWhen.Always, "encoding an image"),
        // A compiled regular expression built per call: compiling the pattern to IL costs far more than one match.
        ("System.Text.RegularExpressions.Regex", ".ctor", HeavyWhen.CompiledRegex, "compiling a regular expression"),
        ("System.Text.RegularExpressions.Regex", "Matches", HeavyWhen.WholePayloadArgument, "a regular expression over a whole payload"),
        ("System.Text.RegularExpressions.Regex", "Replace", HeavyWhen.WholePayloadArgument, "a regular expression over a whole payload"),
        ("System.Text.RegularExpressions.Regex", "Split", HeavyWhen.WholePayloadArgument, "a regular expression over a whole payload"),
        ("System.Text.RegularExpressions.Regex", "Count", HeavyWhen.WholePayloadArgument, "a regular expression over a whole payload"),
    };

    /// <summary>BLZ104: hashing and signing calls that make a loop heavy when repeated an input-dependent number of times.</summary>
    public static readonly (string Type, string Member)[] HashingCalls =
    {
        ("System.Security.Cryptography.HashAlgorithm", "ComputeHash"),
        ("System.Security.Cryptography.HashAlgorithm", "TransformBlock"),
        ("System.Security.Cryptography.SHA1", "HashData"),
        ("System.Security.Cryptography.SHA256", "HashData"),
        ("System.Security.Cryptography.SHA384", "HashData"),
        ("System.Security.Cryptography.SHA512", "HashData"),
        ("System.Security.Cryptography.MD5", "HashData"),
        ("System.Security.Cryptography.HMACSHA256", "HashData"),
        ("System.Security.Cryptography.HMACSHA512", "HashData"),
        // Signing and verifying per item of a batch: each is an asymmetric operation, far heavier than a hash.
        ("System.Security.Cryptography.RSA", "SignData"),
        ("System.Security.Cryptography.RSA", "SignHash"),
        ("System.Security.Cryptography.RSA", "VerifyData"),
        ("System.Security.Cryptography.RSA", "Decrypt"),
        ("System.Security.Cryptography.ECDsa", "SignData"),
        ("System.Security.Cryptography.ECDsa", "SignHash"),
        ("System.Security.Cryptography.ECDsa", "VerifyData"),
    };

    /// <summary>Calls that run a delegate elsewhere. A delegate passed to one of them is not async context.</summary>
    public static readonly (string Type, string Method, OffloadDestination Destination)[] OffloadStarters =
    {
        ("System.Threading.Tasks.Task", "Run", OffloadDestination.ThreadPool),
        ("System.Threading.Tasks.TaskFactory", "StartNew", OffloadDestination.ThreadPool),
        ("System.Threading.Tasks.TaskFactory`1", "StartNew", OffloadDestination.ThreadPool),
        ("System.Threading.ThreadPool", "QueueUserWorkItem", OffloadDestination.ThreadPool),
        ("System.Threading.ThreadPool", "UnsafeQueueUserWorkItem", OffloadDestination.ThreadPool),
        ("Blitz.BlitzRuntime", "SpawnBlocking", OffloadDestination.BlockingPool),
        ("Blitz.BlitzRuntime", "TrySpawnBlocking", OffloadDestination.BlockingPool),
        ("Blitz.BlitzRuntime", "SpawnCpu", OffloadDestination.CpuPool),
        ("Blitz.BlitzRuntime", "SpawnDedicated", OffloadDestination.Dedicated),
        ("System.Threading.Thread", ".ctor", OffloadDestination.Dedicated),
    };

    /// <summary>BLZ110: synchronous data parallelism ("*" = every member).</summary>
    public static readonly (string Type, string Member)[] SyncParallel =
    {
        ("System.Threading.Tasks.Parallel", "For"),
        ("System.Threading.Tasks.Parallel", "ForEach"),
        ("System.Threading.Tasks.Parallel", "Invoke"),
        ("System.Linq.ParallelEnumerable", "AsParallel"),
    };

    /// <summary>
    /// BLZ104 (method groups): calls that run the delegate they are given on the calling thread, before or while the
    /// caller goes on ("*" = every member). A heavy method passed to one of them by name is heavy work in place.
    /// </summary>
    public static readonly (string Type, string Member)[] SyncDelegateRunners =
    {
        ("System.Linq.Enumerable", "*"),
        ("System.Collections.Generic.List`1", "ForEach"),
        ("System.Collections.Generic.List`1", "ConvertAll"),
        ("System.Collections.Generic.List`1", "RemoveAll"),
        ("System.Array", "ForEach"),
        ("System.Array", "ConvertAll"),
    };

    /// <summary>
    /// BLZ102: writers whose sink is their constructor's first argument and that do no I/O unless it is a stream
    /// (Utf8JsonWriter over an IBufferWriter only advances the buffer when flushed): a local created over a buffer is
    /// in memory.
    /// </summary>
    public static readonly string[] InMemoryOverABuffer =
    {
        "System.Text.Json.Utf8JsonWriter",
    };

    /// <summary>
    /// <c>System.Linq.Enumerable</c> methods that enumerate their source right away (the lazy ones, <c>Where</c> and
    /// <c>Select</c>, do not): where an iterator's blocking work runs (BLZ111).
    /// </summary>
    public static readonly string[] EnumeratingLinqMethods =
    {
        "ToList", "ToArray", "ToDictionary", "ToHashSet", "ToLookup", "Count", "LongCount", "Any", "All", "Contains",
        "First", "FirstOrDefault", "Last", "LastOrDefault", "Single", "SingleOrDefault", "ElementAt", "ElementAtOrDefault",
        "Sum", "Min", "Max", "Average", "Aggregate", "SequenceEqual",
    };
}
