namespace LocalSpec.Reporting;

/// <summary>
/// The paper's names of the four partitionings, graph × scope: weights → "Weight",
/// activations → "Act.", network → "Network", layer → "Layer" ("Weight/Network", …), in the
/// paper's row order. The same strings are the `partitioning` column of the reference CSV.
/// </summary>
public static class PartitioningLabel
{
    public static readonly IReadOnlyList<string> Graphs = ["weights", "activations"];

    public static readonly IReadOnlyList<string> Scopes = ["network", "layer"];

    /// <summary>"Weight/Network" for ("weights", "network").</summary>
    public static string Of(string graph, string scope) => GraphLabel(graph) + "/" + ScopeLabel(scope);

    /// <summary>0..3: Weight/Network, Weight/Layer, Act./Network, Act./Layer.</summary>
    public static int Order(string graph, string scope) => 2 * Index(Graphs, graph, "graph") + Index(Scopes, scope, "scope");

    public static string GraphLabel(string graph) => Index(Graphs, graph, "graph") == 0 ? "Weight" : "Act.";

    public static string ScopeLabel(string scope) => Index(Scopes, scope, "scope") == 0 ? "Network" : "Layer";

    private static int Index(IReadOnlyList<string> names, string value, string what)
    {
        for (int i = 0; i < names.Count; i++)
            if (string.Equals(names[i], value, StringComparison.Ordinal)) return i;
        throw new ArgumentException($"unknown {what} '{value}': expected {string.Join(" or ", names)}", what);
    }
}
