using Xunit;
namespace LocalSpec.Tests.Data;

/// <summary>
/// A folder holding MNIST-sized (60,000/10,000) gzip IDX files made by <see cref="DataTestFiles.WriteIdxSet"/>,
/// built once per test class that uses it.
/// </summary>
public sealed class SyntheticMnistFolder : IDisposable
{
    private readonly TempDirectory _temp = new();

    public SyntheticMnistFolder()
    {
        Path = _temp.Sub("mnist-files");
        DataTestFiles.WriteIdxSet(Path, 60000, 10000);
    }

    public string Path { get; }

    public void Dispose() => _temp.Dispose();
}
