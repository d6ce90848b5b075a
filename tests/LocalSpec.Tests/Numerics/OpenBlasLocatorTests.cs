using System.Runtime.Intrinsics.X86;
using LocalSpec.Numerics;
using LocalSpec.Tests.TestSupport;
using Xunit;

namespace LocalSpec.Tests.Numerics;

[Collection(OpenBlasCoreTypeCollection.Name)]
public sealed class OpenBlasLocatorTests : IDisposable
{
    private readonly string _cache = Directory.CreateTempSubdirectory("localspec-blas-").FullName;

    public void Dispose() => Directory.Delete(_cache, recursive: true);

    [Fact]
    public void A_missing_explicit_path_fails_with_its_name_and_tries_nothing_else()
    {
        string path = Path.Combine(_cache, "nowhere", "libopenblas.so.0");
        OpenBlasLookup lookup = OpenBlasLocator.Find(new OpenBlasSearch(path, SearchSystem: true, _cache, AllowAcquisition: true));
        Assert.Null(lookup.Blas);
        string failure = Assert.Single(lookup.Failures);
        Assert.Contains(OpenBlasSearch.PathVariable, failure);
        Assert.Contains(path, failure);
    }

    [Fact]
    public void With_every_route_closed_each_failure_is_reported()
    {
        OpenBlasLookup lookup = OpenBlasLocator.Find(new OpenBlasSearch(null, SearchSystem: false, _cache, AllowAcquisition: false));
        Assert.Null(lookup.Blas);
        Assert.Collection(lookup.Failures,
            cache => Assert.Contains(Path.Combine(_cache, "native"), cache),
            acquisition => Assert.Contains(OpenBlasSearch.AcquireVariable, acquisition));
    }

    [Fact]
    public void A_corrupt_cached_library_is_reported_and_skipped()
    {
        string folder = Path.Combine(_cache, "native", "openblas-0.0-test");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, OpenBlasAcquisition.LibraryName), "not an ELF file");
        OpenBlasLookup lookup = OpenBlasLocator.Find(new OpenBlasSearch(null, SearchSystem: false, _cache, AllowAcquisition: false));
        Assert.Null(lookup.Blas);
        Assert.Contains(lookup.Failures, f => f.StartsWith("cache: cannot load", StringComparison.Ordinal) && f.Contains(folder));
    }

    [RequiresFact(typeof(AptCanDownloadOpenBlas))]
    public void Acquisition_without_root_fills_the_cache_verifies_the_checksum_and_loads()
    {
        // The system route is closed so the apt-get route runs even where OpenBLAS is installed.
        // This fresh copy of the library runs the other kernel family than the process-wide one,
        // so both OpenBLAS kernels LocalSpec may choose are checked against the reference.
        string? processWide = NativeEnvironment.Get(OpenBlasEnvironment.CoreTypeVariable);
        string? other = processWide == "SkylakeX" ? "Haswell" : Avx512F.IsSupported ? "SkylakeX" : null;
        OpenBlasLookup acquired;
        try
        {
            if (other is not null && processWide is not null) NativeEnvironment.Set(OpenBlasEnvironment.CoreTypeVariable, other);
            acquired = OpenBlasLocator.Find(new OpenBlasSearch(null, SearchSystem: false, _cache, AllowAcquisition: true));
        }
        finally
        {
            if (processWide is not null) NativeEnvironment.Set(OpenBlasEnvironment.CoreTypeVariable, processWide);
        }
        Assert.True(acquired.Blas is not null, acquired.FailureSummary);
        Assert.StartsWith("acquired with apt-get download", acquired.Blas.Origin);
        if (other is not null && processWide is not null) Assert.Equal(other, acquired.Blas.CoreName, StringComparer.OrdinalIgnoreCase);

        DebianPackage package = DebianPackage.Find(OpenBlasAcquisition.Package, AptLists.DefaultFolder);
        string folder = Path.Combine(_cache, "native", $"openblas-{package.Version}");
        Assert.Equal(Path.Combine(folder, OpenBlasAcquisition.LibraryName), acquired.Blas.Path);
        Assert.Contains($"{package.Name} {package.Version} sha256:{package.Sha256}", File.ReadAllText(Path.Combine(folder, OpenBlasAcquisition.SourceFile)));
        Assert.Empty(Directory.GetDirectories(Path.Combine(_cache, "native"), ".staging-*"));
        foreach (var row in GemmCases.AllTransposes())
        {
            var (transA, transB) = ((Transpose)row[0], (Transpose)row[1]);
            GemmOracle.AssertMatchesReference(acquired.Blas, transA, transB, 33, 47, 65, 1.5f, 0f, pad: 2);
            GemmOracle.AssertMatchesReference(acquired.Blas, transA, transB, 150, 70, 300, -1f, 0.5f, pad: 1);
        }

        OpenBlasLookup cached = OpenBlasLocator.Find(new OpenBlasSearch(null, SearchSystem: false, _cache, AllowAcquisition: false));
        Assert.True(cached.Blas is not null, cached.FailureSummary);
        Assert.Equal("cache", cached.Blas.Origin);
        Assert.Equal(acquired.Blas.Path, cached.Blas.Path);
    }

    [RequiresFact(typeof(AptCanDownloadOpenBlas))]
    public void A_package_whose_checksum_differs_is_not_extracted()
    {
        DebianPackage real = DebianPackage.Find(OpenBlasAcquisition.Package, AptLists.DefaultFolder);
        var forged = real with { Sha256 = new string('0', 64) };
        string extractTo = Path.Combine(_cache, "tree");
        var error = Assert.Throws<InvalidOperationException>(() => forged.DownloadAndExtract(Path.Combine(_cache, "debs"), extractTo));
        Assert.Contains("SHA-256", error.Message);
        Assert.Contains(real.Sha256, error.Message);
        Assert.False(Directory.Exists(extractTo));
    }

    [Fact]
    public void Fields_are_read_from_the_first_deb822_stanza_only()
    {
        const string show = "Package: libx\nVersion: 1.2-3\nSHA256: ABC123\nDescription: a\n long text\n\nPackage: libx\nVersion: 0.9\n";
        Assert.Equal("1.2-3", DebianPackage.Field(show, "Version"));
        Assert.Equal("ABC123", DebianPackage.Field(show, "SHA256"));
        Assert.Null(DebianPackage.Field(show, "Filename"));
    }

    [Fact]
    public void File_hash_is_the_SHA256_of_the_bytes()
    {
        string file = Path.Combine(_cache, "abc.txt");
        File.WriteAllText(file, "abc");
        // FIPS 180-2, appendix B.1: SHA-256("abc").
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", DebianPackage.HashFile(file));
    }
}
