// Every test starts a host, and a host sets the process-wide BlitzRuntime.Default: the tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
