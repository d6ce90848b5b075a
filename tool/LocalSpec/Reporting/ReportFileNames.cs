using System.Text;

namespace LocalSpec.Reporting;

/// <summary>The names of the files a report writes.</summary>
internal static class ReportFileNames
{
    /// <summary>A name component made of [A-Za-z0-9._-] (anything else becomes '-'), never empty and never starting with '.'.</summary>
    public static string Safe(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char c in text)
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-');
        string s = sb.ToString().TrimStart('.');
        return s.Length == 0 ? "-" : s;
    }

    public static string Table(string name, TableFormat format) => $"{name}.{format.Extension}";

    public static string KRobustness(string experiment, TableFormat format) => $"k-robustness-{Safe(experiment)}.{format.Extension}";

    public static string Histogram(ReportRowGroup group, string proxy) =>
        group.ExperimentHasSeveralK
            ? $"fig2-percentiles-{Safe(group.Experiment)}-k{group.K}-{Safe(proxy)}.svg"
            : $"fig2-percentiles-{Safe(group.Experiment)}-{Safe(proxy)}.svg";

    public const string Heatmap = "fig3-log10p-heatmap.svg";

    public static string FeatureVis(FeatureVisGrid grid)
    {
        string name = grid.Name.EndsWith(".png", StringComparison.OrdinalIgnoreCase) ? grid.Name[..^4] : grid.Name;
        return $"featvis-{Safe(grid.Experiment)}-{Safe(name)}.png";
    }
}
