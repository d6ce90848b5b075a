using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace LocalSpec.Benchmarks;

/// <summary>
/// The reference's time for the same work (measured in this run, <see cref="ReferenceTimes"/>):
/// as seconds, or divided by our mean time ("× vs …", &gt;1: we are faster).
/// </summary>
public sealed class ReferenceRatioColumn(string suite, string label, bool seconds = false) : IColumn
{
    public string Id => $"{nameof(ReferenceRatioColumn)}.{suite}.{label}.{seconds}";
    public string ColumnName => seconds ? $"{label} s" : $"× vs {label}";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => seconds ? 1 : 2;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => seconds
        ? $"{label}'s seconds for the same work, measured in this run"
        : $"{label}'s time for the same work, measured in this run, divided by ours (>1: we are faster)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? reference = ReferenceTimes.Read(suite, label, benchmarkCase.Descriptor.WorkloadMethod.Name);
        double? ours = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (reference is not double s) return "NA";
        if (seconds) return s.ToString("F3", CultureInfo.InvariantCulture);
        return ours is double ns and > 0 ? (s * 1e9 / ns).ToString("F2", CultureInfo.InvariantCulture) : "NA";
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
