using LocalSpec.Data;
using Xunit;

namespace LocalSpec.Tests.Data;

public sealed class Mnist10kSplitTests
{
    [Fact]
    public void Each_digit_gives_its_first_four_fifths_to_train_in_file_order()
    {
        int[] counts = [5, 1, 0, 10, 2, 3, 4, 6, 7, 9];
        // Image k of digit d has every pixel = 20d + k, so each image is identifiable.
        byte[][] digits = counts.Select((n, d) =>
            Enumerable.Range(0, n).SelectMany(k => Enumerable.Repeat((byte)(20 * d + k), 784)).ToArray()).ToArray();

        (LabeledImages train, LabeledImages test) = Mnist10kSplit.Split(digits);

        var expectedTrain = new List<(int Digit, int K)>();
        var expectedTest = new List<(int Digit, int K)>();
        for (int d = 0; d < 10; d++)
        {
            int share = (int)Math.Floor(0.8m * counts[d]);
            for (int k = 0; k < counts[d]; k++) (k < share ? expectedTrain : expectedTest).Add((d, k));
        }
        Assert.Equal(expectedTrain.Select(e => e.Digit), train.Labels);
        Assert.Equal(expectedTest.Select(e => e.Digit), test.Labels);
        Assert.Equal(expectedTrain.Select(e => (20 * e.Digit + e.K) / 255f), Enumerable.Range(0, train.Count).Select(i => train.Image(i)[0]));
        Assert.Equal(expectedTest.Select(e => (20 * e.Digit + e.K) / 255f), Enumerable.Range(0, test.Count).Select(i => test.Image(i)[783]));
    }

    [Fact]
    public void Train_share_is_the_exact_floor_of_four_fifths()
    {
        for (int n = 0; n <= 5000; n++)
            Assert.Equal((int)Math.Floor(0.8m * n), Mnist10kSplit.TrainShare(n));
    }
}
