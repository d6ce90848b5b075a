using System.Text.RegularExpressions;
using LocalSpec.Tests.TestSupport;

namespace LocalSpec.Tests;

/// <summary>
/// The dependency rule of ARCHITECTURE.md: each folder of tool/LocalSpec is a namespace, and a
/// namespace may use only those below it (Numerics → Data, Stats → Nn → Graphs → Partitioning →
/// Measures → Pipeline; Reporting uses Stats and is used by Pipeline). Checked on the source text,
/// so a `using` or a fully qualified name both count.
/// </summary>
public sealed partial class ArchitectureTests
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Numerics"] = [],
        ["Data"] = ["Numerics"],
        ["Stats"] = ["Numerics"],
        ["Nn"] = ["Numerics", "Data"],
        ["Graphs"] = ["Numerics", "Data", "Nn"],
        ["Partitioning"] = ["Numerics", "Data", "Nn", "Graphs"],
        ["Measures"] = ["Numerics", "Data", "Nn", "Graphs", "Partitioning", "Stats"],
        ["Reporting"] = ["Numerics", "Stats"],
        ["Pipeline"] = ["Numerics", "Data", "Stats", "Nn", "Graphs", "Partitioning", "Measures", "Reporting"],
    };

    [GeneratedRegex(@"\bLocalSpec\.(\w+)")]
    private static partial Regex NamespaceReference();

    [Fact]
    public void Core_library_namespaces_only_use_the_layers_below_them()
    {
        string core = Path.Combine(RepoPaths.Root, "tool", "LocalSpec");
        var violations = new List<string>();
        foreach (string file in Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(core, file);
            if (relative.StartsWith("obj", StringComparison.Ordinal) || relative.StartsWith("bin", StringComparison.Ordinal))
                continue;
            string folder = relative.Split(Path.DirectorySeparatorChar)[0];
            if (!Allowed.TryGetValue(folder, out string[]? allowed))
            {
                violations.Add($"{relative}: folder '{folder}' is not a known layer (add it to the rule)");
                continue;
            }
            foreach (Match m in NamespaceReference().Matches(File.ReadAllText(file)))
            {
                string used = m.Groups[1].Value;
                if (used != folder && Allowed.ContainsKey(used) && !allowed.Contains(used))
                    violations.Add($"{relative}: {folder} must not use LocalSpec.{used}");
            }
        }
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations.Distinct()));
    }

    [Fact]
    public void The_rule_itself_has_no_cycles()
    {
        var state = new Dictionary<string, int>();
        bool Visit(string n)
        {
            if (state.TryGetValue(n, out int s)) return s == 2;
            state[n] = 1;
            foreach (string d in Allowed[n])
                if (!Visit(d)) return false;
            state[n] = 2;
            return true;
        }
        Assert.All(Allowed.Keys, k => Assert.True(Visit(k), $"cycle through {k}"));
    }
}
