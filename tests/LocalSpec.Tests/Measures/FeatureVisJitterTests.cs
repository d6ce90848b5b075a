using LocalSpec.Measures;
using LocalSpec.Numerics;

namespace LocalSpec.Tests.Measures;

public sealed class FeatureVisJitterTests
{
    private static float[] Iota(int n) => Enumerable.Range(0, n).Select(i => (float)i).ToArray();

    [Fact]
    public void Shift_moves_content_down_and_right_with_wrap_around()
    {
        // x [1, 2, 3] = [[0 1 2] [3 4 5]], shifted by dy = 1, dx = 1
        var y = new float[6];
        FeatureVisJitter.Shift(Iota(6), y, 1, 2, 3, 1, 1);
        Assert.Equal(new float[] { 5, 3, 4, 2, 0, 1 }, y);
        FeatureVisJitter.Shift(Iota(6), y, 1, 2, 3, 0, -1);
        Assert.Equal(new float[] { 1, 2, 0, 4, 5, 3 }, y);
    }

    [Fact]
    public void Shift_moves_every_channel_alike_and_wraps_large_offsets()
    {
        var x = Iota(2 * 3 * 4);
        var expected = new float[x.Length];
        FeatureVisJitter.Shift(x, expected, 2, 3, 4, 1, -1);
        var y = new float[x.Length];
        FeatureVisJitter.Shift(x, y, 2, 3, 4, 1 + 3, -1 - 8); // offsets differ by whole periods
        Assert.Equal(expected, y);
        for (int c = 0; c < 2; c++)
            for (int h = 0; h < 3; h++)
                for (int w = 0; w < 4; w++)
                    Assert.Equal(x[c * 12 + ((h + 2) % 3) * 4 + (w + 1) % 4], y[c * 12 + h * 4 + w]);
    }

    [Fact]
    public void Shift_backward_is_the_adjoint_and_the_inverse()
    {
        var rng = new Rng(5);
        var x = Enumerable.Range(0, 3 * 5 * 4).Select(_ => (float)rng.NextGaussian()).ToArray();
        var g = Enumerable.Range(0, x.Length).Select(_ => (float)rng.NextGaussian()).ToArray();
        for (int dy = -2; dy <= 2; dy++)
        {
            for (int dx = -2; dx <= 2; dx++)
            {
                var y = new float[x.Length];
                var back = new float[x.Length];
                FeatureVisJitter.Shift(x, y, 3, 5, 4, dy, dx);
                FeatureVisJitter.ShiftBackward(y, back, 3, 5, 4, dy, dx);
                Assert.Equal(x, back);
                var dX = new float[x.Length];
                FeatureVisJitter.ShiftBackward(g, dX, 3, 5, 4, dy, dx);
                // ⟨Shift x, g⟩ = ⟨x, Shiftᵀ g⟩ exactly: the same products, summed in another order
                double left = y.Zip(g, (a, b) => (double)a * b).Sum(), right = x.Zip(dX, (a, b) => (double)a * b).Sum();
                Assert.Equal(left, right, 1e-9);
            }
        }
    }
}
