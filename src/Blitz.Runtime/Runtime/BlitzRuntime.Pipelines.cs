namespace Blitz;

public sealed partial class BlitzRuntime
{
    private PipelineInstruments? _pipelineInstruments;

    /// <summary>The pipeline instruments on this runtime's <c>Blitz</c> meter, created with the first pipeline.</summary>
    internal PipelineInstruments PipelineInstruments
        => Volatile.Read(ref _pipelineInstruments) ?? CreatePipelineInstruments();

    private PipelineInstruments CreatePipelineInstruments()
    {
        var instruments = new PipelineInstruments(Meter, RuntimeTag);
        return Interlocked.CompareExchange(ref _pipelineInstruments, instruments, null) ?? instruments;
    }
}
