using System.Text.Json;
using LocalSpec.Stats;
using LocalSpec.Tests.TestSupport;

namespace LocalSpec.Tests.Stats;

/// <summary>
/// The reference values of fixtures/stats (made by tools/reference/stats_reference.py; its README
/// gives the command and the sources) and the comparisons the tests make with them.
/// </summary>
internal static class StatsFixture
{
    public static JsonElement Load(string name) =>
        JsonDocument.Parse(File.ReadAllText(RepoPaths.Fixture("stats", name))).RootElement;

    public static double[] Doubles(this JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    public static double? NullableDouble(this JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetDouble();

    /// <summary>|actual − expected| ≤ tolerance · |expected| (exact equality required for expected = 0).</summary>
    public static void Relative(double expected, double actual, double tolerance, string what)
    {
        double error = Math.Abs(actual - expected);
        Assert.True(error <= tolerance * Math.Abs(expected),
            $"{what}: expected {expected:R}, got {actual:R} (relative error {error / Math.Abs(expected):E2} > {tolerance:E0})");
    }

    /// <summary>
    /// A probability against exact reference values: P to <paramref name="tolerance"/> relative when
    /// P is a normal double, and ln P to the same relative tolerance always (the only comparison
    /// possible below the double range).
    /// </summary>
    public static void Probability(double expectedP, double expectedLn, PValue actual, double tolerance, string what)
    {
        if (expectedP >= PValue.MinNormal) Relative(expectedP, actual.P, tolerance, $"{what} p");
        else Assert.True(actual.P < PValue.MinNormal, $"{what}: expected p below the double range, got {actual.P:R}");
        if (expectedLn == 0) Assert.True(Math.Abs(actual.LnP) <= tolerance, $"{what}: ln p {actual.LnP:R}, expected 0");
        else Relative(expectedLn, actual.LnP, tolerance, $"{what} ln p");
    }
}
