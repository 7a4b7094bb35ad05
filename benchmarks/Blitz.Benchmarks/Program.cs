using BenchmarkDotNet.Running;
using Blitz.Benchmarks;

// dotnet run -c Release --project benchmarks/Blitz.Benchmarks -- --filter '*'   (see benchmarks/README.md)
// dotnet run -c Release --project benchmarks/Blitz.Benchmarks -- starvation   (StarvationMeasure: not BenchmarkDotNet)
if (args is ["starvation", ..])
{
    StarvationMeasure.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
