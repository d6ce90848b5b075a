using LocalSpec.Nn;
using Xunit;

namespace LocalSpec.Tests.Nn;

public sealed class SoftmaxCrossEntropyTests
{
    private static double ReferenceLoss(double[] z, int[] labels, int k)
    {
        double total = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double sum = 0;
            for (int j = 0; j < k; j++) sum += Math.Exp(z[i * k + j]);
            total += Math.Log(sum) - z[i * k + labels[i]];
        }
        return total / labels.Length;
    }

    [Fact]
    public void Loss_and_gradient_match_a_double_reference_and_finite_differences()
    {
        var logits = GradientCheck.Random(61, 4, 5);
        int[] labels = [3, 0, 4, 4];
        var dLogits = new float[20];
        var result = SoftmaxCrossEntropy.Compute(logits, labels, dLogits);
        var z = GradientCheck.ToDouble(logits.Data);
        Assert.Equal(ReferenceLoss(z, labels, 5), result.Loss, 6);
        GradientCheck.AssertClose(dLogits, GradientCheck.Numeric(v => ReferenceLoss(v, labels, 5), z), "dLogits");
        Assert.Equal(result, SoftmaxCrossEntropy.Compute(logits, labels, out Tensor dTensor));
        Assert.Equal(dLogits, dTensor.Data);
        Assert.Equal([4, 5], dTensor.Shape);
    }

    [Fact]
    public void Loss_of_uniform_logits_is_log_k()
    {
        var result = SoftmaxCrossEntropy.Compute(Tensor.Zeros(3, 4), [0, 1, 3]);
        Assert.Equal(Math.Log(4), result.Loss, 12);
    }

    [Fact]
    public void Loss_is_stable_for_huge_logits()
    {
        var dLogits = new float[4];
        var result = SoftmaxCrossEntropy.Compute(new Tensor([1000f, 0f, -1000f, 1000f], 2, 2), [1, 0], dLogits);
        Assert.Equal((1000 + 2000) / 2.0, result.Loss, 6);
        Assert.Equal([0.5f, -0.5f, -0.5f, 0.5f], dLogits);
    }

    [Fact]
    public void Predictions_take_the_first_maximum_and_count_correct_answers()
    {
        var logits = new Tensor([1, 3, 3, 0, 0, 0, 2, 1, 0], 3, 3);
        Assert.Equal([1, 0, 0], SoftmaxCrossEntropy.Predictions(logits));
        var result = SoftmaxCrossEntropy.Compute(logits, [1, 2, 0]);
        Assert.Equal(2, result.Correct);
        Assert.Equal(2 / 3.0, result.Accuracy, 12);
    }

    [Fact]
    public void A_label_outside_the_classes_is_a_clear_error()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => SoftmaxCrossEntropy.Compute(Tensor.Zeros(2, 3), [0, 3]));
        Assert.Contains("Label 3 of example 1 is outside 0..2", e.Message);
    }
}
