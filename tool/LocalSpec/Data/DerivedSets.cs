using LocalSpec.Numerics;

namespace LocalSpec.Data;

/// <summary>
/// The two-digit sets of METHOD.md §1 (paper appendix A.5), built from a base set's split.
/// <para>
/// Pairing: example i of the result draws two base indices a_i = rng.NextInt(N) then
/// b_i = rng.NextInt(N), uniformly and independently, with replacement (a_i = b_i is possible),
/// where N is the base split's size, for i = 0, 1, …, count − 1 in order. Train pairs come only
/// from the base train split and test pairs only from the base test split, so no base image is
/// shared between the two. The label is (y_a + y_b) mod K, K the base's number of classes.
/// <see cref="PairRng"/> gives the generator: <c>new Rng(seed).Fork("pairs/train")</c> or
/// <c>"pairs/test"</c>, the same for halves and stack, so for one seed both sets pair the same
/// digits. This matches the authors' generate_datasets.py (np.random.randint(0, N, size=2) per
/// example, as many examples as the base split has).
/// </para>
/// </summary>
public static class DerivedSets
{
    /// <summary>The pairing generator for <paramref name="split"/> ("train" or "test") under <paramref name="seed"/>.</summary>
    public static Rng PairRng(ulong seed, string split) => new Rng(seed).Fork("pairs/" + split);

    /// <summary>
    /// Halves: each example is digit a squeezed to half width on the left and digit b squeezed on
    /// the right, same height, same channels: out[c, h, w] = S(a)[c, h, w] for w &lt; W/2 and
    /// S(b)[c, h, w − W/2] otherwise, where the squeeze is the 2:1 horizontal box average
    /// S(x)[c, h, j] = 0.5f · (x[c, h, 2j] + x[c, h, 2j+1]), computed in float exactly as written.
    /// This equals bilinear resampling at exactly half width with pixel-centre alignment (samples
    /// at 2j + ½), which is what skimage.transform.resize does at 2:1 before its optional
    /// anti-aliasing blur; the authors' script also rescaled by the global maximum and rounded to
    /// 8 bits, which LocalSpec does not do (values stay in [0, 1]). Input [N, C, H, W] with W
    /// even; output [count, C, H, W].
    /// </summary>
    public static LabeledImages Halves(LabeledImages source, int classes, int count, Rng rng)
    {
        Validate(source, classes, count);
        if (source.Width % 2 != 0)
            throw new DataException($"halves needs images of even width; the base has width {source.Width}");
        int c = source.Channels, h = source.Height, w = source.Width, half = w / 2, size = source.ExampleSize;
        var pixels = new float[(long)count * size];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            int a = rng.NextInt(source.Count);
            int b = rng.NextInt(source.Count);
            labels[i] = (source.Labels[a] + source.Labels[b]) % classes;
            Span<float> output = pixels.AsSpan(i * size, size);
            ReadOnlySpan<float> left = source.Image(a), right = source.Image(b);
            for (int row = 0; row < c * h; row++)
            {
                ReadOnlySpan<float> l = left.Slice(row * w, w), r = right.Slice(row * w, w);
                Span<float> o = output.Slice(row * w, w);
                for (int j = 0; j < half; j++)
                {
                    o[j] = 0.5f * (l[2 * j] + l[2 * j + 1]);
                    o[half + j] = 0.5f * (r[2 * j] + r[2 * j + 1]);
                }
            }
        }
        return new LabeledImages(pixels, labels, c, h, w);
    }

    /// <summary>
    /// Stack: each example is digit a's channels followed by digit b's channels:
    /// out[k, h, w] = a[k, h, w] for k &lt; C and b[k − C, h, w] otherwise. Input [N, C, H, W];
    /// output [count, 2C, H, W] (two channels for MNIST).
    /// </summary>
    public static LabeledImages Stack(LabeledImages source, int classes, int count, Rng rng)
    {
        Validate(source, classes, count);
        int size = source.ExampleSize;
        var pixels = new float[2L * count * size];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            int a = rng.NextInt(source.Count);
            int b = rng.NextInt(source.Count);
            labels[i] = (source.Labels[a] + source.Labels[b]) % classes;
            source.Image(a).CopyTo(pixels.AsSpan(2 * i * size, size));
            source.Image(b).CopyTo(pixels.AsSpan((2 * i + 1) * size, size));
        }
        return new LabeledImages(pixels, labels, 2 * source.Channels, source.Height, source.Width);
    }

    private static void Validate(LabeledImages source, int classes, int count)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (classes <= 0) throw new ArgumentOutOfRangeException(nameof(classes), "must be positive");
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), "must not be negative");
        if (count > 0 && source.Count == 0) throw new DataException("cannot pair images from an empty split");
        if ((long)count * source.ExampleSize * 2 > Array.MaxLength)
            throw new DataException($"{count} derived examples of {source.ExampleSize} values are more than one array can hold");
    }
}
