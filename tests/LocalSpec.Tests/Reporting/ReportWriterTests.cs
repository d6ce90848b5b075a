using LocalSpec.Reporting;
using LocalSpec.Stats;
using LocalSpec.Tests.TestSupport;

namespace LocalSpec.Tests.Reporting;

public sealed class ReportWriterTests
{
    private static Dictionary<string, string> Write(ReportInput input, ReportOptions? options = null)
    {
        using var dir = new TempDirectory();
        var outcome = ReportWriter.Write(input, (options ?? new ReportOptions(dir.Path)) with { OutputDirectory = dir.Path });
        return outcome.Files.ToDictionary(f => Path.GetFileName(f), File.ReadAllText);
    }

    private static ReportInput Input(params ReportCell[] cells) => new(cells, []);

    // Four p-values, m = 4, α = 0.05: the BH thresholds jα/m are 0.0125, 0.025, 0.0375, 0.05.
    private static ReportInput BhCase(double third) => Input(
        ReportFixtures.Cell("a", "weights", "network", "lesion.acc_drop", 0.001, f: 2.01),
        ReportFixtures.Cell("a", "weights", "layer", "lesion.acc_drop", 0.03, f: 2.02),
        ReportFixtures.Cell("a", "activations", "network", "lesion.acc_drop", third, f: 2.03),
        ReportFixtures.Cell("a", "activations", "layer", "lesion.acc_drop", 0.9, f: 2.04));

    [Fact]
    public void A_p_value_just_below_its_Benjamini_Hochberg_threshold_makes_it_and_every_smaller_p_bold()
    {
        // Step-up: p(3) = 0.0374 ≤ 0.0375, so the critical value is 0.0374 and p(2) = 0.03 counts
        // too although it exceeds its own threshold 0.025.
        string md = Write(BhCase(0.0374))["table1-fisher.md"];
        Assert.Contains("**2.01**", md);
        Assert.Contains("**2.02**", md);
        Assert.Contains("**2.03**", md);
        Assert.DoesNotContain("**2.04**", md);
        Assert.Contains("critical p = 0.037, 3 significant", md);
        string tex = Write(BhCase(0.0374))["table1-fisher.tex"];
        Assert.Contains(@"\textbf{2.03}", tex);
    }

    [Fact]
    public void A_p_value_just_above_its_Benjamini_Hochberg_threshold_leaves_only_the_smallest_bold()
    {
        string md = Write(BhCase(0.0376))["table1-fisher.md"];
        Assert.Contains("**2.01**", md);
        Assert.DoesNotContain("**2.02**", md);
        Assert.DoesNotContain("**2.03**", md);
        Assert.Contains("critical p = 0.001, 1 significant", md);
        // The same family bolds the same cells in the long table.
        Assert.Contains("**2.01** (0.001)", Write(BhCase(0.0376))["tables7-8-details.md"]);
        Assert.Contains("| 2.03 (0.038) |", Write(BhCase(0.0376))["tables7-8-details.md"]);
    }

    [Fact]
    public void Bolding_agrees_with_the_Stats_procedure_on_the_golden_input()
    {
        var input = ReportFixtures.Golden();
        var bh = BenjaminiHochberg.Apply(input.Cells.Select(c => c.Stats.PValue.P).ToArray());
        string md = Write(input)["tables7-8-details.md"];
        int boldF = md.Split('\n').Count(line => line.Split('|').Length > 4 && line.Split('|')[4].TrimStart().StartsWith("**", StringComparison.Ordinal));
        Assert.Equal(bh.SignificantCount, boldF);
    }

    [Fact]
    public void An_effect_two_standard_errors_from_one_on_the_specialized_side_is_bold()
    {
        // Effects {1.2, 1.3, 1.4}: mean 1.3, SE 0.0577 → 1.3 − 2·SE > 1: bold for a higher-is-specialized proxy.
        var higher = ReportFixtures.Cell("a", "weights", "network", "lesion.acc_drop", 0.5, effectMean: 1.3);
        // The same numbers for softmax entropy (lower is specialized) are not bold; 0.7 is.
        var entropyHigh = higher with
        {
            Proxy = "featvis.entropy",
            Stats = ReportFixtures.Network(PValue.FromP(0.5), 1, [0.5], [1.2, 1.3, 1.4], higher: false),
        };
        var entropyLow = entropyHigh with
        {
            Graph = "activations",
            Stats = ReportFixtures.Network(PValue.FromP(0.5), 1, [0.5], [0.6, 0.7, 0.8], higher: false),
        };
        string md = Write(Input(higher, entropyHigh, entropyLow))["table2-effect.md"];
        Assert.Contains("**1.300 ± 0.058**", md);
        Assert.Contains("| 1.300 ± 0.058 |", md);
        Assert.Contains("**0.700 ± 0.058**", md);
    }

    [Fact]
    public void A_cell_with_a_paper_row_shows_the_published_values_beside_ours()
    {
        var cell = ReportFixtures.Cell("mlp", "weights", "network", "lesion.acc_drop", 0.5, f: 1.11, paperRow: "MLP, MNIST");
        var files = Write(Input(cell));
        Assert.Contains("| 1.11 (2.13) |", files["table1-fisher.md"]);
        Assert.Contains(@"1.11 {\footnotesize (2.13)}", files["table1-fisher.tex"]);
        Assert.Contains("(1.123) |", files["table2-effect.md"]);
        Assert.Contains("| 2.13 (1e-17) | 1.123 ± 0.058 |", files["tables7-8-details.md"]);
        Assert.Contains(@"2.13 (\num{1e-17}) & 1.123 $\pm$ 0.058", files["tables7-8-details.tex"]);
    }

    [Fact]
    public void Without_a_paper_row_there_is_no_reference_column()
    {
        var files = Write(Input(ReportFixtures.Cell("mlp", "weights", "network", "lesion.acc_drop", 0.5, f: 1.11)));
        Assert.Contains("| 1.11 |", files["table1-fisher.md"]);
        Assert.DoesNotContain("Paper", files["tables7-8-details.md"]);
        Assert.DoesNotContain("In parentheses", files["table1-fisher.md"]);
    }

    [Fact]
    public void A_paper_row_missing_from_the_reference_data_is_a_warning()
    {
        using var dir = new TempDirectory();
        var cell = ReportFixtures.Cell("mlp", "weights", "network", "lesion.acc_drop", 0.5, paperRow: "MLP, MNSIT");
        var outcome = ReportWriter.Write(Input(cell), new ReportOptions(dir.Path));
        Assert.Equal(["experiment 'mlp': paper row 'MLP, MNSIT' is not in the reference data; no published values are shown for it"], outcome.Warnings);
    }

    [Fact]
    public void A_reference_csv_given_in_the_options_replaces_the_embedded_one()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("ref.csv"), "network,partitioning,proxy,fisher_statistic,p_value,effect,effect_se\n\"Mine, 1\",Weight/Network,lesion.acc_drop,3.21,1e-5,1.5,0.1\n");
        var cell = ReportFixtures.Cell("mlp", "weights", "network", "lesion.acc_drop", 0.5, f: 1.11, paperRow: "Mine, 1");
        var files = Write(Input(cell), new ReportOptions(dir.Path) { ReferenceCsvPath = dir.File("ref.csv") });
        Assert.Contains("| 1.11 (3.21) |", files["table1-fisher.md"]);
    }

    [Fact]
    public void A_rerun_with_the_same_input_writes_nothing_and_keeps_the_timestamps()
    {
        using var dir = new TempDirectory();
        var input = ReportFixtures.Golden();
        var first = ReportWriter.Write(input, new ReportOptions(dir.Path));
        Assert.Empty(first.Unchanged);
        var old = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);
        foreach (string f in first.Written) File.SetLastWriteTimeUtc(f, old);

        var second = ReportWriter.Write(input, new ReportOptions(dir.Path));

        Assert.Empty(second.Written);
        Assert.Equal(first.Written, second.Unchanged);
        Assert.All(second.Unchanged, f => Assert.Equal(old, File.GetLastWriteTimeUtc(f)));
        Assert.Empty(Directory.EnumerateFiles(dir.Path, "*.tmp"));
    }

    [Fact]
    public void A_changed_effect_rewrites_only_the_files_that_show_it()
    {
        using var dir = new TempDirectory();
        var input = ReportFixtures.Golden();
        ReportWriter.Write(input, new ReportOptions(dir.Path));
        var cells = input.Cells.ToList();
        int last = cells.Count - 1;
        cells[last] = cells[last] with { Stats = ReportFixtures.Network(PValue.FromP(0.5), 0.98, [0.475], [1.01]) };

        var outcome = ReportWriter.Write(input with { Cells = cells }, new ReportOptions(dir.Path));

        Assert.Equal(["table2-effect.md", "table2-effect.tex", "tables7-8-details.md", "tables7-8-details.tex"],
            outcome.Written.Select(f => Path.GetFileName(f)));
    }

    [Fact]
    public void Feature_visualization_grids_are_copied_and_left_alone_when_unchanged()
    {
        using var src = new TempDirectory();
        using var dir = new TempDirectory();
        byte[] png = PngWriter.Encode(new PngImage(2, 1, PngColor.Gray, [0, 255]));
        File.WriteAllBytes(src.File("grid.png"), png);
        var input = new ReportInput([], [new FeatureVisGrid("mlp mnist", "layer 1.png", src.File("grid.png"))]);

        var first = ReportWriter.Write(input, new ReportOptions(dir.Path));
        var second = ReportWriter.Write(input, new ReportOptions(dir.Path));

        string copy = Path.Combine(dir.Path, "featvis-mlp-mnist-layer-1.png");
        Assert.Equal([copy], first.Written);
        Assert.Equal([copy], second.Unchanged);
        Assert.Equal(png, File.ReadAllBytes(copy));
    }

    [Fact]
    public void A_missing_feature_visualization_grid_is_named_in_the_error()
    {
        using var dir = new TempDirectory();
        var input = new ReportInput([], [new FeatureVisGrid("mlp", "g", dir.File("nope.png"))]);
        var e = Assert.Throws<FileNotFoundException>(() => ReportWriter.Write(input, new ReportOptions(dir.Path)));
        Assert.Contains("nope.png", e.Message);
    }

    [Fact]
    public void An_input_without_cells_writes_no_tables()
    {
        using var dir = new TempDirectory();
        var outcome = ReportWriter.Write(new ReportInput([], []), new ReportOptions(dir.Path));
        Assert.Empty(outcome.Files);
    }

    [Fact]
    public void A_repeated_cell_and_an_unknown_graph_are_rejected_with_their_position()
    {
        using var dir = new TempDirectory();
        var cell = ReportFixtures.Cell("a", "weights", "network", "lesion.acc_drop", 0.5);
        var repeated = Assert.Throws<ArgumentException>(() => ReportWriter.Write(Input(cell, cell), new ReportOptions(dir.Path)));
        Assert.Contains("cell 1 repeats experiment 'a'", repeated.Message);
        var unknown = Assert.Throws<ArgumentException>(() => ReportWriter.Write(Input(cell with { Graph = "weight" }), new ReportOptions(dir.Path)));
        Assert.Contains("unknown graph 'weight'", unknown.Message);
    }

    [Fact]
    public void A_template_in_the_templates_directory_overrides_the_embedded_one_and_the_others_fall_back()
    {
        using var templates = new TempDirectory();
        File.WriteAllText(templates.File("table1-fisher.md.hbs"), "{{#each rows}}{{label}}={{#each cells}}{{value}};{{/each}}\n{{/each}}");
        var cell = ReportFixtures.Cell("a & b", "weights", "network", "lesion.acc_drop", 0.001, f: 2.5);
        var files = Write(Input(cell), new ReportOptions("") { TemplatesDirectory = templates.Path });
        Assert.Equal("a & b=**2.50**;\n", files["table1-fisher.md"]);
        Assert.StartsWith("<!-- Generated by `localspec report`", files["table2-effect.md"]);
    }

    [Fact]
    public void A_missing_templates_directory_falls_back_to_the_embedded_templates()
    {
        var cell = ReportFixtures.Cell("a", "weights", "network", "lesion.acc_drop", 0.5);
        var files = Write(Input(cell), new ReportOptions("") { TemplatesDirectory = "/no/such/dir" });
        Assert.Equal(Write(Input(cell))["table1-fisher.tex"], files["table1-fisher.tex"]);
    }

    [Fact]
    public void A_broken_template_is_reported_with_its_path()
    {
        using var templates = new TempDirectory();
        File.WriteAllText(templates.File("table1-fisher.md.hbs"), "{{#each rows}}never closed");
        var cell = ReportFixtures.Cell("a", "weights", "network", "lesion.acc_drop", 0.5);
        var e = Assert.Throws<ReportTemplateException>(() => Write(Input(cell), new ReportOptions("") { TemplatesDirectory = templates.Path }));
        Assert.Contains(templates.File("table1-fisher.md.hbs"), e.Message);
    }

    [Fact]
    public void A_template_naming_a_field_that_does_not_exist_fails_instead_of_printing_nothing()
    {
        using var templates = new TempDirectory();
        File.WriteAllText(templates.File("table1-fisher.md.hbs"), "{{alhpa}}");
        var cell = ReportFixtures.Cell("a", "weights", "network", "lesion.acc_drop", 0.5);
        var e = Assert.Throws<ReportTemplateException>(() => Write(Input(cell), new ReportOptions("") { TemplatesDirectory = templates.Path }));
        Assert.Contains("alhpa", e.Message);
    }

    [Fact]
    public void The_embedded_templates_are_the_files_in_reports_templates()
    {
        string directory = Path.Combine(RepoPaths.Root, "reports", "templates");
        var files = Directory.EnumerateFiles(directory, "*.hbs").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(ReportTemplates.Names.SelectMany(n => new[] { n + ".md.hbs", n + ".tex.hbs" }).Order(StringComparer.Ordinal), files);
        foreach (string file in files)
            Assert.Equal(File.ReadAllText(Path.Combine(directory, file)), ReportTemplates.Load(null, file).Text);
    }
}
