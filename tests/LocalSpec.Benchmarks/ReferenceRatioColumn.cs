using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace LocalSpec.Benchmarks;

/// <summary>"×N faster than the reference": the reference's seconds (measured in this run) / our mean time.</summary>
public sealed class ReferenceRatioColumn(string label, Func<string, double?> referenceSeconds) : IColumn
{
    public string Id => $"{nameof(ReferenceRatioColumn)}.{label}";
    public string ColumnName => $"× vs {label}";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 1;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => $"{label}'s time for the same work, measured in this run, divided by ours (>1: we are faster)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? ours = summary[benchmarkCase]?.ResultStatistics?.Mean;
        double? reference = referenceSeconds(label);
        return ours is double ns and > 0 && reference is double s
            ? (s * 1e9 / ns).ToString("F2", CultureInfo.InvariantCulture)
            : "NA";
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
