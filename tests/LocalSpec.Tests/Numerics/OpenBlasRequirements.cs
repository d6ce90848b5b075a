using LocalSpec.Numerics;
using LocalSpec.Tests.TestSupport;

namespace LocalSpec.Tests.Numerics;

/// <summary>OpenBLAS can be found or acquired the way the tool would (<see cref="BlasProvider.OpenBlas"/>).</summary>
public sealed class OpenBlasAvailable : ITestRequirement
{
    public string? Unmet => BlasProvider.OpenBlas.Blas is null ? BlasProvider.OpenBlas.FailureSummary : null;
}

/// <summary>
/// apt-get, apt-cache and dpkg-deb exist and apt knows libopenblas0-pthread, from the system's package
/// lists or LocalSpec's own (fetched into the default cache when the system's lack it, as the tool would).
/// </summary>
public sealed class AptCanDownloadOpenBlas : ITestRequirement
{
    public string? Unmet
    {
        get
        {
            if (!OperatingSystem.IsLinux()) return "not Linux";
            if (TestRequirements.OnPath("apt-get", "apt-cache", "dpkg-deb") is string missing) return missing;
            try
            {
                DebianPackage.Find(OpenBlasAcquisition.Package, AptLists.DefaultFolder);
                return null;
            }
            catch (InvalidOperationException e)
            {
                return e.Message;
            }
        }
    }
}
