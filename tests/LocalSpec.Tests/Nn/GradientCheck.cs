using System.Globalization;
using LocalSpec.Nn;
using LocalSpec.Numerics;
using Xunit;

namespace LocalSpec.Tests.Nn;

/// <summary>
/// Finite-difference gradient checks: central differences of a double-precision function
/// (<see cref="ReferenceNet"/>) against the engine's float analytic gradients.
/// </summary>
internal static class GradientCheck
{
    /// <summary>Central-difference step: truncation error ~h²·f‴ ≈ 1e-10, rounding ~1e-16/h ≈ 1e-11.</summary>
    public const double Step = 1e-5;

    /// <summary>Default relative tolerance: float gradients carry ~1e-6 relative error; a 1 % error fails.</summary>
    public const double Tolerance = 1e-3;

    public static double[] Numeric(Func<double[], double> f, double[] at, IEnumerable<int>? indices = null)
    {
        var g = new double[at.Length];
        var v = (double[])at.Clone();
        foreach (int j in indices ?? Enumerable.Range(0, at.Length))
        {
            double old = v[j];
            v[j] = old + Step;
            double plus = f(v);
            v[j] = old - Step;
            double minus = f(v);
            v[j] = old;
            g[j] = (plus - minus) / (2 * Step);
        }
        return g;
    }

    /// <summary>Null when every |a − n| ≤ tol·(|n| + ‖n‖∞) + 1e-7, else a description of the worst element.</summary>
    public static string? Compare(ReadOnlySpan<float> analytic, double[] numeric, double tolerance = Tolerance)
    {
        if (analytic.Length != numeric.Length) return $"lengths differ: {analytic.Length} vs {numeric.Length}";
        double scale = numeric.Length == 0 ? 0 : numeric.Max(Math.Abs);
        int worst = -1;
        double worstExcess = 0;
        for (int j = 0; j < numeric.Length; j++)
        {
            double allowed = tolerance * (Math.Abs(numeric[j]) + scale) + 1e-7;
            double excess = Math.Abs(analytic[j] - numeric[j]) / allowed;
            if (!(excess <= 1) && (worst < 0 || excess > worstExcess)) (worst, worstExcess) = (j, excess);
        }
        return worst < 0 ? null : string.Create(CultureInfo.InvariantCulture,
            $"element {worst}: analytic {analytic[worst]:G9} vs numeric {numeric[worst]:G9} (scale {scale:G4}, {worstExcess:F1}× the tolerance)");
    }

    public static void AssertClose(ReadOnlySpan<float> analytic, double[] numeric, string what, double tolerance = Tolerance)
    {
        string? problem = Compare(analytic, numeric, tolerance);
        Assert.True(problem is null, $"{what}: {problem}");
    }

    public static double[] ToDouble(ReadOnlySpan<float> values)
    {
        var d = new double[values.Length];
        for (int i = 0; i < d.Length; i++) d[i] = values[i];
        return d;
    }

    public static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    /// <summary>
    /// Checks a whole pass: the float forward against the double reference, then ∂(Σ y ⊙ R)/∂x and
    /// ∂/∂θ (trainable tensors; buffers must get zero) against central differences, R a seeded
    /// Gaussian projection of the output.
    /// </summary>
    public static void CheckNetwork(Network network, Tensor x, ForwardOptions options, bool parameters = true, ulong seed = 7, double tolerance = Tolerance)
    {
        double[] p = ToDouble(network.Parameters.Data);
        using var tape = network.ForwardWithTape(x, options);
        var dropoutMasks = new Dictionary<int, double[]>();
        for (int m = tape.From; m <= tape.To; m++)
            if (tape.State(m)?.Values is { } mask && network.Layers[m] is Dropout) dropoutMasks[m] = ToDouble(mask.AsSpan(0, x.BatchSize * network.Layers[m].OutputLength));
        var rng = new Rng(seed);
        var projection = Enumerable.Range(0, tape.Output.Length).Select(_ => rng.NextGaussian()).ToArray();
        var dParams = new float[network.Parameters.Count];
        var dx = tape.Backward(new Tensor(projection.Select(v => (float)v).ToArray(), tape.Output.Shape), parameters ? dParams : null);

        var reference = new ReferenceNet(network);
        int n = x.BatchSize;
        double[] Run(double[] pp, double[] xx) =>
            reference.Forward(pp, xx, n, options.Training, tape.From, tape.To, dropoutMasks, options.UnitMasks);
        double[] xd = ToDouble(x.Data);

        double[] expected = Run(p, xd);
        double outScale = Math.Max(1, expected.Max(Math.Abs));
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(tape.Output.Data[i] - expected[i]) <= 1e-4 * outScale,
                $"forward element {i}: {tape.Output.Data[i]} vs reference {expected[i]}");

        AssertClose(dx.Data, Numeric(v => Dot(Run(p, v), projection), xd), "input gradient", tolerance);
        if (!parameters) return;
        var trainable = network.Parameters.Views.Where(v => v.Trainable).SelectMany(v => Enumerable.Range(v.Offset, v.Length));
        AssertClose(dParams, Numeric(v => Dot(Run(v, xd), projection), p, trainable), "parameter gradient", tolerance);
    }

    /// <summary>A network of <paramref name="layers"/> on [input] with seeded Glorot weights and perturbed biases/BN tensors (so they matter).</summary>
    public static Network Build(int[] input, params LayerSpec[] layers)
    {
        var network = Network.Create(new ArchitectureSpec(input, layers), new Rng(11));
        var rng = new Rng(12);
        foreach (var view in network.Parameters.Views.Where(v => v.Kind != ParameterKind.Weight))
        {
            var values = network.Parameters.Span(view);
            for (int i = 0; i < values.Length; i++)
                values[i] = view.Kind == ParameterKind.RunningVar ? 0.5f + rng.NextSingle() : (float)(view.Kind == ParameterKind.Gamma ? 1 + 0.5 * rng.NextGaussian() : 0.3 * rng.NextGaussian());
        }
        return network;
    }

    /// <summary>Seeded standard-normal tensor.</summary>
    public static Tensor Random(ulong seed, params int[] shape)
    {
        var rng = new Rng(seed);
        var t = Tensor.Zeros(shape);
        for (int i = 0; i < t.Length; i++) t.Data[i] = (float)rng.NextGaussian();
        return t;
    }
}
