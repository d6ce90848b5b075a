namespace LocalSpec.Tests.TestSupport;

/// <summary>Locates the repository checkout from the test's output directory.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootLazy = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LocalSpec.Tool.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"No LocalSpec.Tool.sln above {AppContext.BaseDirectory}.");
    });

    public static string Root => RootLazy.Value;

    public static string Fixtures => Path.Combine(AppContext.BaseDirectory, "fixtures");

    public static string Fixture(params string[] parts) => Path.Combine([Fixtures, .. parts]);
}
