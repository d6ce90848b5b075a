using System.Diagnostics;
using LocalSpec.Reporting;
using LocalSpec.Tests.TestSupport;

namespace LocalSpec.Tests.Reporting;

/// <summary>pdflatex with booktabs, siunitx and graphicx (Debian: texlive-latex-base, texlive-latex-recommended, texlive-science).</summary>
public sealed class PdflatexWithTablePackages : ITestRequirement
{
    public string? Unmet
    {
        get
        {
            if (TestRequirements.OnPath("pdflatex", "kpsewhich") is { } missing) return missing;
            var found = LatexCompileTests.Run("kpsewhich", ["booktabs.sty", "siunitx.sty", "graphicx.sty"], Path.GetTempPath()).Output;
            string[] absent = ["booktabs.sty", "siunitx.sty", "graphicx.sty"];
            absent = absent.Where(s => !found.Contains(s, StringComparison.Ordinal)).ToArray();
            return absent.Length == 0 ? null : $"{string.Join(", ", absent)} not installed (Debian: texlive-latex-base texlive-latex-recommended texlive-science)";
        }
    }
}

public sealed class LatexCompileTests
{
    internal static (int ExitCode, string Output) Run(string file, string[] args, string workingDirectory)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }

    [RequiresFact(typeof(PdflatexWithTablePackages))]
    public void Every_LaTeX_table_compiles_with_pdflatex_in_a_minimal_document()
    {
        using var dir = new TempDirectory();
        var outcome = ReportWriter.Write(ReportFixtures.Golden(), new ReportOptions(Path.Combine(dir.Path, "report")));
        var tables = outcome.Files.Where(f => f.EndsWith(".tex", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, tables.Count);   // Tables 1, 2, 7–8 and one k-robustness table
        var failures = new List<string>();
        foreach (string table in tables)
        {
            string name = Path.GetFileNameWithoutExtension(table);
            File.WriteAllText(dir.File(name + "-doc.tex"),
                "\\documentclass{article}\n\\usepackage{booktabs,siunitx,graphicx}\n\\begin{document}\n" +
                $"\\input{{report/{name}.tex}}\n\\end{{document}}\n");
            var (exit, output) = Run("pdflatex", ["-interaction=nonstopmode", "-halt-on-error", name + "-doc.tex"], dir.Path);
            if (exit != 0 || !File.Exists(dir.File(name + "-doc.pdf")))
                failures.Add($"{name}.tex (exit {exit}):\n{string.Join('\n', output.Split('\n').Where(l => l.StartsWith('!') || l.StartsWith("l.", StringComparison.Ordinal)))}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [RequiresFact(typeof(PdflatexWithTablePackages))]
    public void Every_escaped_special_character_compiles()
    {
        using var dir = new TempDirectory();
        string text = LatexEscape.Text(@"a_b & 50% $x$ #2 {c} ~d ^e \f <g> |h| ±×→−–—α");
        File.WriteAllText(dir.File("doc.tex"),
            "\\documentclass{article}\n\\begin{document}\n\\begin{tabular}{l}\n" + text + " \\\\\n\\end{tabular}\n\\end{document}\n");
        var (exit, output) = Run("pdflatex", ["-interaction=nonstopmode", "-halt-on-error", "doc.tex"], dir.Path);
        Assert.True(exit == 0, output);
    }
}
