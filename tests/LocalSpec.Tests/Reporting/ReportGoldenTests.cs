using LocalSpec.Reporting;

namespace LocalSpec.Tests.Reporting;

public sealed class ReportGoldenTests
{
    private static Dictionary<string, byte[]> RenderUnder(string culture, ReportInput input)
    {
        using var scope = new CultureScope(culture);
        using var dir = new TempDirectory();
        var outcome = ReportWriter.Write(input, new ReportOptions(dir.Path));
        return outcome.Files.ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);
    }

    [Fact]
    public void Every_table_and_figure_matches_its_approved_file_under_the_invariant_and_a_comma_decimal_culture()
    {
        var input = ReportFixtures.Golden();
        var invariant = RenderUnder("", input);
        var german = RenderUnder("de-DE", input);

        Assert.Equal(invariant.Keys.Order(StringComparer.Ordinal), german.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, bytes) in invariant)
            Assert.True(bytes.AsSpan().SequenceEqual(german[name]), $"{name}: de-DE output differs from the invariant culture's");

        var failures = invariant.OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => Approvals.Check(f.Key, f.Value)).OfType<string>().ToList();
        var stale = Directory.EnumerateFiles(Approvals.Directory)
            .Select(Path.GetFileName).OfType<string>()
            .Where(n => !n.Contains(".received.", StringComparison.Ordinal) && !invariant.ContainsKey(n))
            .Select(n => $"{n} is approved but no longer produced: delete it").ToList();
        Assert.True(failures.Count + stale.Count == 0, string.Join(Environment.NewLine, failures.Concat(stale)));
    }

    [Fact]
    public void The_golden_report_has_every_template_in_both_languages()
    {
        var files = RenderUnder("", ReportFixtures.Golden()).Keys.ToHashSet();
        foreach (string name in ReportTemplates.Names)
        {
            string file = name == "k-robustness" ? "k-robustness-cnn-fashion" : name;
            Assert.Contains(file + ".md", files);
            Assert.Contains(file + ".tex", files);
        }
        Assert.Contains("fig3-log10p-heatmap.svg", files);
        Assert.Contains("fig2-percentiles-mlp-mnist10k-lesion.acc_drop.svg", files);
        Assert.Contains("fig2-percentiles-cnn-fashion-k8-lesion.acc_drop.svg", files);
    }
}
