using LocalSpec.Graphs;
using LocalSpec.Partitioning;

namespace LocalSpec.Tests.Partitioning;

public sealed class SubclustersTests
{
    private static LayerPartition Layer(GraphLayerRole role, int parameterLayer, int[] labels, int[] dead) =>
        new($"layers.{parameterLayer}", parameterLayer, role, labels.Where(l => l >= 0).Distinct().Count(), labels, dead, null);

    [Fact]
    public void A_subcluster_is_analysable_from_two_units_up_to_one_short_of_the_layers_live_units()
    {
        // Six units, one dead (5), so five live: sizes 1, 2 and 4 of 5.
        Subcluster[] found = Subclusters.Find([Layer(GraphLayerRole.Hidden, 3, [2, 0, 0, 1, 1, -1], [5]), Layer(GraphLayerRole.Hidden, 5, [1, 1, 1, 1, 0], [4])]);
        Assert.Equal([(3, 0), (3, 1), (3, 2), (5, 1)], found.Select(s => (s.Layer, s.Cluster)));
        Assert.Equal([[1, 2], [3, 4], [0], [0, 1, 2, 3]], found.Select(s => s.Units));
        // Layer 5: unit 4 is dead (its label does not count), so the four live units are one whole-layer cluster.
        Assert.Equal([true, true, false, false], found.Select(s => s.Analysable));
    }

    [Fact]
    public void Input_and_output_layers_have_no_subclusters()
    {
        Subcluster[] found = Subclusters.Find([Layer(GraphLayerRole.Input, -1, [0, 0, 1, 1, 1], []), Layer(GraphLayerRole.Hidden, 0, [0, 0, 1, 1, 1], []), Layer(GraphLayerRole.Output, 2, [0, 1, 1], [])]);
        Assert.All(found, s => Assert.Equal(0, s.Layer));
        Assert.Equal(2, found.Length);
    }
}
