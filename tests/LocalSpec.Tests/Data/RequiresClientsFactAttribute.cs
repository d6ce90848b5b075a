using Xunit;
namespace LocalSpec.Tests.Data;

/// <summary>A fact that is skipped, with the reason, when a package client it runs is not on PATH.</summary>
public sealed class RequiresClientsFactAttribute : FactAttribute
{
    public RequiresClientsFactAttribute(params string[] clients)
    {
        string[] missing = clients.Where(c => !OnPath(c)).ToArray();
        if (missing.Length > 0) Skip = $"needs {string.Join(" and ", missing)} on PATH";
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, program)));
}
