using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace LocalSpec.Benchmarks;

/// <summary>
/// "× vs scikit-learn": scikit-learn's median seconds for the same workload (measured in this run
/// by <see cref="SpectralSklearnReference"/>) divided by our mean time; the reference seconds
/// are shown too. The workload is the benchmark method's name.
/// </summary>
public sealed class SpectralReferenceColumn(bool ratio) : IColumn
{
    public string Id => $"{nameof(SpectralReferenceColumn)}.{ratio}";
    public string ColumnName => ratio ? "× vs scikit-learn 1.2" : "scikit-learn s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => ratio ? 2 : 1;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => ratio
        ? "scikit-learn's median time for the same graph, k and n_init, measured in this run, divided by ours (>1: we are faster)"
        : "scikit-learn's median seconds for the same graph, k and n_init, measured in this run";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? reference = SpectralSklearnReference.Read(benchmarkCase.Descriptor.WorkloadMethod.Name);
        double? ours = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (reference is not double s) return "NA";
        if (!ratio) return s.ToString("F3", CultureInfo.InvariantCulture);
        return ours is double ns and > 0 ? (s * 1e9 / ns).ToString("F1", CultureInfo.InvariantCulture) : "NA";
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
