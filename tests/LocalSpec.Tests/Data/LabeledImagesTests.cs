using LocalSpec.Data;
using Xunit;

namespace LocalSpec.Tests.Data;

public sealed class LabeledImagesTests
{
    private static LabeledImages Three() =>
        new(Enumerable.Range(0, 3 * 2 * 2).Select(i => i / 16f).ToArray(), [4, 5, 6], channels: 1, height: 2, width: 2);

    [Fact]
    public void Subset_copies_examples_in_the_given_order_with_repeats()
    {
        LabeledImages subset = Three().Subset([2, 0, 2]);

        Assert.Equal([6, 4, 6], subset.Labels);
        Assert.Equal(new[] { 8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11 }.Select(i => i / 16f).ToArray(), subset.Pixels);
        Assert.Equal(4, subset.ExampleSize);
    }

    [Fact]
    public void Subset_rejects_an_index_out_of_range()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Three().Subset([3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Three().Subset([-1]));
    }

    [Fact]
    public void Pixels_must_match_the_declared_shape()
    {
        Assert.Throws<ArgumentException>(() => new LabeledImages(new float[11], [1, 2, 3], 1, 2, 2));
    }
}
