using LocalSpec.Graphs;
namespace LocalSpec.Partitioning;

/// <summary>Subclusters of a partition (METHOD.md §5): hidden layer ∩ cluster over live units.</summary>
public static class Subclusters
{
    /// <summary>Every hidden layer's subclusters, in layer order and then by cluster label.</summary>
    public static Subcluster[] Find(IEnumerable<LayerPartition> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var found = new List<Subcluster>();
        foreach (LayerPartition layer in layers)
        {
            if (layer.Role != GraphLayerRole.Hidden) continue;
            var dead = new HashSet<int>(layer.Dead);
            int live = layer.LiveUnits;
            foreach (var group in Enumerable.Range(0, layer.Labels.Length)
                         .Where(u => layer.Labels[u] >= 0 && !dead.Contains(u))
                         .GroupBy(u => layer.Labels[u])
                         .OrderBy(g => g.Key))
            {
                int[] units = [.. group];
                found.Add(new Subcluster(layer.ParameterLayer, group.Key, units, units.Length >= 2 && units.Length < live));
            }
        }
        return [.. found];
    }
}
