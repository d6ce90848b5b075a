using LocalSpec.Measures;
using LocalSpec.Nn;
using LocalSpec.Numerics;

namespace LocalSpec.Tests.Measures;

public sealed class FeatureVisObjectiveTests
{
    [Fact]
    public void Dense_objective_is_the_l1_norm_of_the_chosen_units()
    {
        float[] a = [1f, -2f, 0.5f, -4f];
        Assert.Equal(3, FeatureVisObjective.L1(a, 1, [0, 1]));
        Assert.Equal(4.5, FeatureVisObjective.L1(a, 1, [3, 2]));
        var dA = new float[4];
        FeatureVisObjective.DescentGradient(a, 1, [0, 1], dA);
        Assert.Equal(new float[] { -1f, 1f, 0f, 0f }, dA);
    }

    [Fact]
    public void Conv_objective_sums_the_l1_norms_of_the_chosen_feature_maps()
    {
        // a [U = 3, P = 2]
        float[] a = [1f, -1f, 2f, 0f, -3f, 0.5f];
        Assert.Equal(2 + 3.5, FeatureVisObjective.L1(a, 2, [0, 2]));
        var dA = Enumerable.Repeat(9f, 6).ToArray();
        FeatureVisObjective.DescentGradient(a, 2, [1, 2], dA);
        Assert.Equal(new float[] { 0f, 0f, -1f, 0f, 1f, -1f }, dA); // sign(0) = 0
    }

    /// <summary>
    /// A hand-made 1×1 convolution on a 3×3 image x = 0.1 … 0.9: channel 0 = 2x − 1 (L1 = 4),
    /// channel 1 = 0.5 − x (L1 = 2), channel 2 = 3 (L1 = 27); the visualiser's objective must be the
    /// sum of the chosen channels' L1 norms, whatever the circular shift.
    /// </summary>
    [Fact]
    public void Visualizer_objective_on_a_hand_made_conv_layer_is_the_l1_of_the_channel_l1_norms()
    {
        var network = Network.Create(new ArchitectureSpec([1, 3, 3], [new Conv2dSpec(3, 1, Padding.Valid), new ReluSpec(), new FlattenSpec(), new DenseSpec(2)]), new Rng(1));
        network.Parameters.Write("layers.0.weight", [2f, -1f, 0f], [3, 1, 1, 1]);
        network.Parameters.Write("layers.0.bias", [-1f, 0.5f, 3f], [3]);
        var visualizer = new FeatureVisualizer(network);
        int[][] sets = [[0], [1], [0, 2], [2, 1, 0]];
        double[] expected = [4, 2, 31, 33];
        var v = new float[sets.Length * 9];
        for (int j = 0; j < sets.Length; j++)
            for (int p = 0; p < 9; p++) v[j * 9 + p] = (float)Math.Log((p + 1) / 10.0 / (1 - (p + 1) / 10.0)); // sigmoid⁻¹(x)
        foreach (var shift in new[] { (0, 0), (1, -2) })
        {
            double[] values = visualizer.Evaluate(0, sets, v, Enumerable.Repeat(shift, sets.Length).ToArray(), new float[v.Length]);
            for (int j = 0; j < sets.Length; j++) Assert.Equal(expected[j], values[j], 1e-5);
        }
    }
}
