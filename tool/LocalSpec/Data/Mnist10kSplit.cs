namespace LocalSpec.Data;

/// <summary>
/// The default split of <c>mnist10k</c> (METHOD.md §1): for each digit d = 0…9, the digit file's
/// images in file order, the first ⌊0.8·n_d⌋ go to train and the remaining ones to test
/// (7,996 train and 2,004 test for the npm package). Within each split the order is digit 0's
/// images, then digit 1's, …, each in file order; the label is the digit. Trainers shuffle.
/// </summary>
public static class Mnist10kSplit
{
    public const int TrainCount = 7996;
    public const int TestCount = 2004;

    /// <summary>⌊0.8·n⌋ computed exactly in integers.</summary>
    public static int TrainShare(int n) => (int)(4L * n / 5);

    /// <summary>
    /// Splits the ten digit files' intensities ([n_d, 28, 28] bytes each, index = digit) into
    /// train and test [N, 1, 28, 28] pixels b/255.
    /// </summary>
    public static (LabeledImages Train, LabeledImages Test) Split(IReadOnlyList<byte[]> digitIntensities)
    {
        const int size = MnistDigitsJsonReader.ImageSize;
        int trainTotal = 0, testTotal = 0;
        foreach (byte[] digit in digitIntensities)
        {
            int n = digit.Length / size;
            trainTotal += TrainShare(n);
            testTotal += n - TrainShare(n);
        }
        var trainBytes = new byte[(long)trainTotal * size];
        var testBytes = new byte[(long)testTotal * size];
        var trainLabels = new int[trainTotal];
        var testLabels = new int[testTotal];
        int trainAt = 0, testAt = 0;
        for (int d = 0; d < digitIntensities.Count; d++)
        {
            byte[] digit = digitIntensities[d];
            int n = digit.Length / size, nTrain = TrainShare(n);
            digit.AsSpan(0, nTrain * size).CopyTo(trainBytes.AsSpan(trainAt * size));
            digit.AsSpan(nTrain * size, (n - nTrain) * size).CopyTo(testBytes.AsSpan(testAt * size));
            trainLabels.AsSpan(trainAt, nTrain).Fill(d);
            testLabels.AsSpan(testAt, n - nTrain).Fill(d);
            trainAt += nTrain;
            testAt += n - nTrain;
        }
        const int side = MnistDigitsJsonReader.ImageSide;
        return (new LabeledImages(PixelScaling.ToUnitFloats(trainBytes), trainLabels, 1, side, side),
                new LabeledImages(PixelScaling.ToUnitFloats(testBytes), testLabels, 1, side, side));
    }
}
