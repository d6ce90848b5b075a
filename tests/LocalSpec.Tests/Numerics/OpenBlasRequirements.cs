using LocalSpec.Numerics;
using LocalSpec.Tests.TestSupport;

namespace LocalSpec.Tests.Numerics;

/// <summary>OpenBLAS can be found or acquired the way the tool would (<see cref="BlasProvider.OpenBlas"/>).</summary>
public sealed class OpenBlasAvailable : ITestRequirement
{
    public string? Unmet => BlasProvider.OpenBlas.Blas is null ? BlasProvider.OpenBlas.FailureSummary : null;
}

/// <summary>apt-get, apt-cache and dpkg-deb exist and apt knows libopenblas0-pthread (package lists present).</summary>
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
                DebianPackage.Query(OpenBlasAcquisition.Package);
                return null;
            }
            catch (InvalidOperationException e)
            {
                return e.Message;
            }
        }
    }
}
