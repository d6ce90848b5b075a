using LocalSpec.Data;
using LocalSpec.Numerics;
using Xunit;

namespace LocalSpec.Tests.Data;

public sealed class DerivedSetsTests
{
    // Three 1×2×4 images (rows listed) with labels 3, 8, 9.
    private static readonly float[][] Images =
    [
        [0f, 0.5f, 1f, 0.25f, /**/ 0.75f, 0.25f, 0f, 0f],
        [1f, 1f, 0f, 0f, /**/ 0.5f, 0.5f, 0.5f, 0.5f],
        [0.125f, 0.375f, 0.5f, 1f, /**/ 1f, 0f, 0.25f, 0.25f],
    ];
    private static readonly int[] Labels = [3, 8, 9];

    // The 2:1 box average of each image, worked by hand: [(x0+x1)/2, (x2+x3)/2] per row.
    private static readonly float[][] Squeezed =
    [
        [0.25f, 0.625f, /**/ 0.5f, 0f],
        [1f, 0f, /**/ 0.5f, 0.5f],
        [0.25f, 0.75f, /**/ 0.5f, 0.25f],
    ];

    private static LabeledImages Base() => new([.. Images.SelectMany(i => i)], Labels, 1, 2, 4);

    private static IEnumerable<(int A, int B)> Pairs(ulong seed, string split, int count)
    {
        Rng rng = DerivedSets.PairRng(seed, split);
        for (int i = 0; i < count; i++)
        {
            int a = rng.NextInt(3);
            int b = rng.NextInt(3);
            yield return (a, b);
        }
    }

    [Fact]
    public void Halves_puts_the_squeezed_first_digit_left_and_the_second_right()
    {
        LabeledImages halves = DerivedSets.Halves(Base(), classes: 10, count: 40, DerivedSets.PairRng(7, "train"));

        Assert.Equal((40, 1, 2, 4), (halves.Count, halves.Channels, halves.Height, halves.Width));
        int i = 0;
        foreach ((int a, int b) in Pairs(7, "train", 40))
        {
            float[] expected =
            [
                Squeezed[a][0], Squeezed[a][1], Squeezed[b][0], Squeezed[b][1],
                Squeezed[a][2], Squeezed[a][3], Squeezed[b][2], Squeezed[b][3],
            ];
            Assert.Equal(expected, halves.Image(i).ToArray());
            Assert.Equal((Labels[a] + Labels[b]) % 10, halves.Labels[i]);
            i++;
        }
    }

    [Fact]
    public void Stack_puts_the_first_digit_in_channel_0_and_the_second_in_channel_1()
    {
        LabeledImages stack = DerivedSets.Stack(Base(), classes: 10, count: 40, DerivedSets.PairRng(7, "test"));

        Assert.Equal((40, 2, 2, 4), (stack.Count, stack.Channels, stack.Height, stack.Width));
        int i = 0;
        foreach ((int a, int b) in Pairs(7, "test", 40))
        {
            Assert.Equal([.. Images[a], .. Images[b]], stack.Image(i).ToArray());
            Assert.Equal((Labels[a] + Labels[b]) % 10, stack.Labels[i]);
            i++;
        }
    }

    [Fact]
    public void Pairs_cover_all_combinations_including_a_digit_with_itself()
    {
        var seen = Pairs(1, "train", 400).ToHashSet();

        Assert.Equal(9, seen.Count);
    }

    [Fact]
    public void The_same_seed_gives_identical_sets_and_another_seed_differs()
    {
        LabeledImages first = DerivedSets.Halves(Base(), 10, 64, DerivedSets.PairRng(11, "train"));
        LabeledImages again = DerivedSets.Halves(Base(), 10, 64, DerivedSets.PairRng(11, "train"));
        LabeledImages other = DerivedSets.Halves(Base(), 10, 64, DerivedSets.PairRng(12, "train"));

        Assert.Equal(first.Pixels, again.Pixels);
        Assert.Equal(first.Labels, again.Labels);
        Assert.NotEqual(first.Labels, other.Labels);
    }

    [Fact]
    public void Train_and_test_use_different_pair_streams()
    {
        Assert.NotEqual(Pairs(3, "train", 20).ToArray(), Pairs(3, "test", 20).ToArray());
    }

    [Fact]
    public void Halves_needs_an_even_width()
    {
        var odd = new LabeledImages(new float[3], [0], 1, 1, 3);

        Assert.Throws<DataException>(() => DerivedSets.Halves(odd, 10, 1, new Rng(0)));
    }

    [Fact]
    public void Multichannel_halves_squeeze_every_channel()
    {
        var twoChannels = new LabeledImages([0f, 1f, 0.5f, 0.5f], [2], channels: 2, height: 1, width: 2);

        LabeledImages halves = DerivedSets.Halves(twoChannels, 10, 1, new Rng(0));

        Assert.Equal([0.5f, 0.5f, 0.5f, 0.5f], halves.Pixels);
        Assert.Equal([4], halves.Labels);
    }
}
