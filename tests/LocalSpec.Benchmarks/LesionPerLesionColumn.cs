using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace LocalSpec.Benchmarks;

/// <summary>Mean time divided by the lesions one invocation evaluates: comparable across workloads of different sizes.</summary>
public sealed class LesionPerLesionColumn(Func<string, int> lesions) : IColumn
{
    public string Id => nameof(LesionPerLesionColumn);
    public string ColumnName => "ms / lesion";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 1;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "mean time / lesions per invocation, in milliseconds";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        int count = lesions(benchmarkCase.Descriptor.WorkloadMethod.Name);
        return mean is double ns && count > 0 ? (ns / 1e6 / count).ToString("F2", CultureInfo.InvariantCulture) : "NA";
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
