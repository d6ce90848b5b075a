using System.Security.Cryptography;
using LocalSpec.Measures;
using LocalSpec.Nn;
using LocalSpec.Pipeline;
using LocalSpec.Tests.Measures;
using LocalSpec.Tests.Nn;

namespace LocalSpec.Tests.Pipeline;

/// <summary>
/// Stage keys carry a format version per kind but no code version, so a change to the lesion
/// arithmetic that forgets to bump <see cref="MeasurementStage.Version"/> would leave stores serving
/// results the new code would not produce. This pins the lesion measurements of a fixed network:
/// seeded random weights (no training, so no BLAS enters them), the template test set and the
/// measurement fixture's partition. Lesion values are accuracy differences, i.e. counts of
/// predictions, so they do not depend on the BLAS or the CPU's vector width. Feature-visualization
/// values are floats whose last bits follow the CPU's vector width and the C library's exp, so
/// they have no such pin; <see cref="MeasurementStage.FeatureVisVersion"/> is bumped by hand.
/// </summary>
public sealed class MeasurementVersionTests
{
    /// <summary>SHA-256 of the lesion measurements.json per lesion format version.</summary>
    private static readonly Dictionary<int, string> LesionHashes = new()
    {
        // the same with LOCALSPEC_BLAS=managed, =reference, OpenBLAS Haswell and SkylakeX kernels,
        // DOTNET_EnableAVX512F=0, and on the code before the session-4 lesion layout changes (6e54bf9)
        [1] = "54c1371958580a1b2bd69d001385d8a7e6c0b792a0062510255a07f777c7e2f1",
    };

    [Fact]
    public void Lesion_measurements_change_only_with_a_format_version_bump()
    {
        var (_, test) = LesionOracle.Templates(11, 1, 300, 10);
        var network = GradientCheck.Build([1, 28, 28], new FlattenSpec(), new DenseSpec(20), new ReluSpec(), new DenseSpec(16), new ReluSpec(), new DenseSpec(10));
        var options = MeasurementFixture.Options(seed: 7, random: 6) with { Proxies = [MeasureProxy.LesionAccDrop, MeasureProxy.LesionClassRange] };
        var document = Measurement.Run(network, MeasurementFixture.Partition(), test, options).Document;
        string hash = Convert.ToHexStringLower(SHA256.HashData(MeasurementsFile.ToBytes(document)));
        Assert.True(LesionHashes.TryGetValue(MeasurementStage.Version, out var expected),
            $"No lesion hash recorded for MeasurementStage.Version = {MeasurementStage.Version}; record {hash}.");
        Assert.True(expected == hash,
            $"The lesion measurements changed (SHA-256 {hash}, recorded for version {MeasurementStage.Version}: {expected}). " +
            "If the change is meant, bump MeasurementStage.Version so that existing stores recompute, and record the new hash here.");
        // the pinned document is not degenerate: some lesion moves the accuracy
        Assert.Contains(document.Of(MeasureProxy.LesionAccDrop)!.Subclusters, s => s.True != 0 || s.Random.Any(r => r != 0));
    }
}
