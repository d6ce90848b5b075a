using LocalSpec.Nn;
using LocalSpec.Numerics;
using Xunit;

namespace LocalSpec.Tests.Nn;

public sealed class AdamTests
{
    /// <summary>The contract's formula in double, written out for one element.</summary>
    private static double[] HandSteps(double w, double[] gradients, double l2, AdamOptions o)
    {
        double m = 0, v = 0;
        var trace = new double[gradients.Length];
        for (int t = 1; t <= gradients.Length; t++)
        {
            double g = gradients[t - 1] + 2 * l2 * w;
            m = o.Beta1 * m + (1 - o.Beta1) * g;
            v = o.Beta2 * v + (1 - o.Beta2) * g * g;
            double mHat = m / (1 - Math.Pow(o.Beta1, t)), vHat = v / (1 - Math.Pow(o.Beta2, t));
            w -= o.LearningRate * mHat / (Math.Sqrt(vHat) + o.Epsilon);
            trace[t - 1] = w;
        }
        return trace;
    }

    [Fact]
    public void Adam_steps_match_the_hand_computed_update_with_l2_on_weights_only()
    {
        // 7×5 weights: vectorised body and scalar tail
        var network = Network.Create(new ArchitectureSpec([7], [new DenseSpec(5), new BatchNormSpec()]), new Rng(1));
        var store = network.Parameters;
        var options = new AdamOptions { LearningRate = 0.01, L2 = 0.05 };
        var adam = new Adam(store, options);
        var initial = (float[])store.Data.Clone();
        var rng = new Rng(2);
        var gradients = Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, store.Count).Select(_ => (float)rng.NextGaussian()).ToArray()).ToArray();
        var trace = new List<float[]>();
        foreach (var g in gradients)
        {
            adam.Step(g);
            trace.Add((float[])store.Data.Clone());
        }
        Assert.Equal(3, adam.StepCount);
        foreach (var view in store.Views)
        {
            for (int j = view.Offset; j < view.Offset + view.Length; j++)
            {
                double l2 = view.Kind == ParameterKind.Weight ? options.L2 : 0;
                var expected = view.Trainable ? HandSteps(initial[j], gradients.Select(g => (double)g[j]).ToArray(), l2, options) : [initial[j], initial[j], initial[j]];
                for (int t = 0; t < 3; t++)
                    Assert.True(Math.Abs(trace[t][j] - expected[t]) <= 1e-6 * Math.Max(1, Math.Abs(expected[t])),
                        $"{view.Name} element {j - view.Offset} step {t + 1}: {trace[t][j]} vs {expected[t]}");
            }
        }
    }

    [Fact]
    public void First_adam_step_moves_every_trainable_parameter_by_about_the_learning_rate()
    {
        // m̂ = g and v̂ = g² at t = 1, so the step is lr·g/(|g| + eps) ≈ lr·sign(g)
        var network = Network.Create(new ArchitectureSpec([20], [new DenseSpec(30)]), new Rng(3));
        var before = (float[])network.Parameters.Data.Clone();
        var g = Enumerable.Range(0, network.Parameters.Count).Select(i => i % 3 == 0 ? -2f : 0.5f).ToArray();
        new Adam(network.Parameters).Step(g);
        for (int i = 0; i < g.Length; i++) Assert.Equal(-1e-3 * Math.Sign(g[i]), network.Parameters.Data[i] - before[i], 6);
    }

    [Fact]
    public void Adam_rejects_a_gradient_of_the_wrong_length_and_bad_options()
    {
        var store = Network.Create(new ArchitectureSpec([2], [new DenseSpec(2)]), new Rng(0)).Parameters;
        Assert.Throws<ArgumentException>(() => new Adam(store).Step(new float[5]));
        Assert.Throws<ArgumentException>(() => new Adam(store, new AdamOptions { Beta1 = 1 }));
        Assert.Throws<ArgumentException>(() => new Adam(store, new AdamOptions { LearningRate = 0 }));
    }

    [Fact]
    public void Adam_on_a_plain_buffer_follows_the_same_formula_and_minimises_a_quadratic()
    {
        float[] v = [3f, -2f, 0.5f];
        float[] target = [1f, 1f, 1f];
        var options = new AdamOptions { LearningRate = 0.05 };
        var adam = new Adam(v, options);
        var expected = HandSteps(3, [2 * (3 - 1)], 0, options);
        adam.Step([4f, -6f, -1f]);
        Assert.Equal(expected[0], v[0], 6);
        for (int t = 0; t < 400; t++) adam.Step(v.Select((x, i) => 2 * (x - target[i])).ToArray());
        Assert.All(v, x => Assert.Equal(1f, x, 2));
    }
}
