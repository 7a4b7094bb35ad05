namespace Blitz.Runtime.Tests;

public class OptionsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void NonPositiveMaxBlockingThreadsIsRejectedByName(int value)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new BlitzOptions { MaxBlockingThreads = value });
        Assert.Equal(nameof(BlitzOptions.MaxBlockingThreads), ex.ParamName);
    }
}
