using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace LocalSpec.Benchmarks;

/// <summary>Throughput of a fixed-work benchmark: <c>flops / mean time</c>, in GFLOP/s.</summary>
public sealed class GemmGflopsColumn(double flops) : IColumn
{
    public string Id => $"{nameof(GemmGflopsColumn)}.{flops}";
    public string ColumnName => "GFLOP/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => $"{flops:G3} floating-point operations / mean time";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? meanNanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return meanNanoseconds is double ns and > 0
            ? (flops / ns).ToString("F1", style.CultureInfo)
            : "NA";
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
