using LocalSpec.Measures;
using LocalSpec.Nn;
using LocalSpec.Numerics;
using LocalSpec.Tests.Nn;

namespace LocalSpec.Tests.Measures;

/// <summary>
/// The step gradient ∂(−Σ_j ‖Act_j‖₁)/∂v against central differences of an independent
/// double-precision pipeline: sigmoid, the circular shift written from its definition, and
/// <see cref="ReferenceNet"/> up to the layer.
/// </summary>
public sealed class FeatureVisGradientTests
{
    private static Network SmallNet() => GradientCheck.Build([2, 5, 5],
        new Conv2dSpec(3, 3, Padding.Same), new ReluSpec(), new BatchNormSpec(), new FlattenSpec(),
        new DenseSpec(4), new ReluSpec(), new DenseSpec(3));

    // conv → relu → maxpool → conv 'valid' → relu → dense: the second conv's input comes through the network
    private static Network TwoConvNet() => GradientCheck.Build([2, 5, 5],
        new Conv2dSpec(3, 3, Padding.Same), new ReluSpec(), new MaxPool2dSpec(2), new Conv2dSpec(4, 1, Padding.Valid),
        new ReluSpec(), new FlattenSpec(), new DenseSpec(3));

    [Theory]
    [InlineData("small", 0)] // conv: channel sets on the image itself
    [InlineData("small", 2)] // dense after conv → relu → batchnorm
    [InlineData("two-conv", 1)] // conv after conv → relu → maxpool
    public void Step_gradient_matches_finite_differences_through_sigmoid_shift_and_network(string net, int parameterLayer)
    {
        var network = net == "small" ? SmallNet() : TwoConvNet();
        int module = network.ModuleOfParameterLayer(parameterLayer);
        int[][] sets = parameterLayer == 0 ? [[0, 2], [1]] : [[0, 3], [2, 1]];
        (int Dy, int Dx)[] shifts = [(1, -2), (-2, 1)];
        var rng = new Rng(17);
        var v = Enumerable.Range(0, 2 * 50).Select(_ => (float)rng.NextGaussian()).ToArray();
        var dv = new float[v.Length];
        double[] values = new FeatureVisualizer(network).Evaluate(module, sets, v, shifts, dv);

        var reference = new ReferenceNet(network);
        double[] p = GradientCheck.ToDouble(network.Parameters.Data);
        var layer = network.Layers[module];
        int perUnit = layer.OutputLength / layer.Units;
        double Objective(double[] vv, int? only = null)
        {
            var x = new double[vv.Length];
            for (int j = 0; j < 2; j++)
                for (int c = 0; c < 2; c++)
                    for (int h = 0; h < 5; h++)
                        for (int w = 0; w < 5; w++)
                        {
                            int source = j * 50 + c * 25 + (((h - shifts[j].Dy) % 5 + 5) % 5) * 5 + ((w - shifts[j].Dx) % 5 + 5) % 5;
                            x[j * 50 + c * 25 + h * 5 + w] = 1 / (1 + Math.Exp(-vv[source]));
                        }
            double[] a = reference.Forward(p, x, 2, training: false, 0, module);
            double total = 0;
            for (int j = 0; j < 2; j++)
            {
                if (only is int o && o != j) continue;
                foreach (int u in sets[j])
                    for (int q = 0; q < perUnit; q++) total += Math.Abs(a[j * layer.OutputLength + u * perUnit + q]);
            }
            return total;
        }
        double[] vd = GradientCheck.ToDouble(v);
        for (int j = 0; j < 2; j++) Assert.Equal(Objective(vd, j), values[j], 1e-4 * Math.Max(1, values[j]));
        var ascent = dv.Select(g => -g).ToArray();
        GradientCheck.AssertClose(ascent, GradientCheck.Numeric(vv => Objective(vv), vd), "∂‖Act‖₁/∂v");
        Assert.Contains(ascent, g => Math.Abs(g) > 1e-3);
    }
}
