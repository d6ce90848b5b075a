using LocalSpec.Nn;

namespace LocalSpec.Tests.Nn;

/// <summary>
/// An independent double-precision re-implementation of every module's forward pass (naive loops,
/// written from ENGINE-CONTRACT.md, sharing no code with the engine): the oracle for forward values
/// and, through central differences, for every gradient.
/// </summary>
internal sealed class ReferenceNet(Network network)
{
    /// <summary>Output of modules from..to on x (flat [N, ...]) with parameters p (the store's flat layout).</summary>
    public double[] Forward(double[] p, double[] x, int n, bool training, int from = 0, int to = -1,
        IReadOnlyDictionary<int, double[]>? dropoutMasks = null, IReadOnlyDictionary<int, float[]>? unitMasks = null)
    {
        to = to < 0 ? network.Layers.Count - 1 : to;
        double[] a = x;
        for (int m = from; m <= to; m++)
        {
            var layer = network.Layers[m];
            int[] inShape = [.. layer.InputShape];
            a = layer.Spec switch
            {
                DenseSpec d => Dense(p, a, n, inShape[0], d.Units, layer.ParameterIndex),
                Conv2dSpec c => Conv(p, a, n, inShape, c, layer.ParameterIndex),
                MaxPool2dSpec s => Pool(a, n, inShape, s.Size),
                ReluSpec => a.Select(v => v > 0 ? v : 0).ToArray(),
                FlattenSpec => (double[])a.Clone(),
                BatchNormSpec b => BatchNorm(p, a, n, inShape, b, layer.ParameterIndex, training),
                DropoutSpec => training && dropoutMasks is not null && dropoutMasks.TryGetValue(m, out var mask)
                    ? a.Select((v, i) => v * mask[i]).ToArray()
                    : (double[])a.Clone(),
                _ => throw new NotSupportedException(layer.Spec.TypeName),
            };
            if (unitMasks is not null && unitMasks.TryGetValue(m, out var unitMask))
            {
                int per = layer.OutputLength / layer.Units;
                for (int i = 0; i < a.Length; i++) a[i] *= unitMask[i % layer.OutputLength / per];
            }
        }
        return a;
    }

    private double[] View(double[] p, string name)
    {
        var view = network.Parameters[name];
        return p.AsSpan(view.Offset, view.Length).ToArray();
    }

    private double[] Dense(double[] p, double[] x, int n, int fin, int fout, int i)
    {
        double[] w = View(p, $"layers.{i}.weight"), b = View(p, $"layers.{i}.bias");
        var y = new double[n * fout];
        for (int r = 0; r < n; r++)
            for (int o = 0; o < fout; o++)
            {
                double s = b[o];
                for (int j = 0; j < fin; j++) s += x[r * fin + j] * w[o * fin + j];
                y[r * fout + o] = s;
            }
        return y;
    }

    private double[] Conv(double[] p, double[] x, int n, int[] s, Conv2dSpec spec, int i)
    {
        double[] w = View(p, $"layers.{i}.weight"), b = View(p, $"layers.{i}.bias");
        var (c, h, wd, k, r) = (s[0], s[1], s[2], spec.Filters, spec.Kernel);
        int pad = spec.Padding == Padding.Same ? (r - 1) / 2 : 0;
        int ho = h + 2 * pad - r + 1, wo = wd + 2 * pad - r + 1;
        var y = new double[n * k * ho * wo];
        for (int e = 0; e < n; e++)
            for (int f = 0; f < k; f++)
                for (int oh = 0; oh < ho; oh++)
                    for (int ow = 0; ow < wo; ow++)
                    {
                        double sum = b[f];
                        for (int ch = 0; ch < c; ch++)
                            for (int ki = 0; ki < r; ki++)
                                for (int kj = 0; kj < r; kj++)
                                {
                                    int ih = oh + ki - pad, iw = ow + kj - pad;
                                    if (ih >= 0 && ih < h && iw >= 0 && iw < wd)
                                        sum += x[((e * c + ch) * h + ih) * wd + iw] * w[((f * c + ch) * r + ki) * r + kj];
                                }
                        y[((e * k + f) * ho + oh) * wo + ow] = sum;
                    }
        return y;
    }

    private static double[] Pool(double[] x, int n, int[] s, int size)
    {
        var (c, h, w) = (s[0], s[1], s[2]);
        int ho = h / size, wo = w / size;
        var y = new double[n * c * ho * wo];
        for (int plane = 0; plane < n * c; plane++)
            for (int oh = 0; oh < ho; oh++)
                for (int ow = 0; ow < wo; ow++)
                {
                    double max = double.NegativeInfinity;
                    for (int i = 0; i < size; i++)
                        for (int j = 0; j < size; j++)
                            max = Math.Max(max, x[(plane * h + oh * size + i) * w + ow * size + j]);
                    y[(plane * ho + oh) * wo + ow] = max;
                }
        return y;
    }

    private double[] BatchNorm(double[] p, double[] x, int n, int[] s, BatchNormSpec spec, int i, bool training)
    {
        double[] gamma = View(p, $"layers.{i}.weight"), beta = View(p, $"layers.{i}.bias");
        double[] runningMean = View(p, $"layers.{i}.running_mean"), runningVar = View(p, $"layers.{i}.running_var");
        int c = s[0], per = s.Aggregate(1, (a, d) => a * d) / c;
        var y = new double[x.Length];
        for (int ch = 0; ch < c; ch++)
        {
            var idx = Enumerable.Range(0, n).SelectMany(e => Enumerable.Range((e * c + ch) * per, per)).ToArray();
            double mean = training ? idx.Average(j => x[j]) : runningMean[ch];
            double variance = training ? idx.Average(j => (x[j] - mean) * (x[j] - mean)) : runningVar[ch];
            foreach (int j in idx) y[j] = gamma[ch] * (x[j] - mean) / Math.Sqrt(variance + spec.Eps) + beta[ch];
        }
        return y;
    }
}
