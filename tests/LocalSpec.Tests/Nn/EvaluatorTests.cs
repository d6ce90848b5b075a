using LocalSpec.Nn;
using LocalSpec.Numerics;
using Xunit;

namespace LocalSpec.Tests.Nn;

public sealed class EvaluatorTests
{
    private static readonly Network Net = GradientCheck.Build([2, 4, 4],
        new Conv2dSpec(3, 3, Padding.Same), new ReluSpec(), new FlattenSpec(), new DenseSpec(5), new ReluSpec(), new DenseSpec(4));

    [Fact]
    public void Predictions_in_batches_equal_the_argmax_of_one_full_forward()
    {
        var x = GradientCheck.Random(111, 23, 2, 4, 4);
        var expected = SoftmaxCrossEntropy.Predictions(Net.Forward(x));
        Assert.Equal(expected, Evaluator.Predict(Net, x.Data, 23, batchSize: 5));
        Assert.Equal(expected.Take(7), Evaluator.Predict(Net, x.Data, 7, batchSize: 100));
    }

    [Fact]
    public void Accuracy_counts_matching_labels_and_respects_lesion_masks()
    {
        var x = GradientCheck.Random(112, 20, 2, 4, 4);
        var labels = Evaluator.Predict(Net, x.Data, 20, 8);
        labels[0] = (labels[0] + 1) % 4;
        Assert.Equal(0.95, Evaluator.Accuracy(Net, x.Data, labels, 20, 8), 12);
        var lesion = new ForwardOptions { UnitMasks = new Dictionary<int, float[]> { [4] = new float[5] } };
        var lesioned = Evaluator.Predict(Net, x.Data, 20, 8, lesion);
        Assert.All(lesioned, p => Assert.Equal(lesioned[0], p)); // only the output bias is left
        Assert.Equal(lesioned.Zip(labels).Count(t => t.First == t.Second) / 20.0, Evaluator.Accuracy(Net, x.Data, labels, 20, 8, lesion), 12);
    }

    [Fact]
    public void Predictions_can_start_from_cached_activations()
    {
        var x = GradientCheck.Random(113, 9, 2, 4, 4);
        var cached = Net.Forward(x, new ForwardOptions { To = 2 });
        Assert.Equal(Evaluator.Predict(Net, x.Data, 9, 4), Evaluator.Predict(Net, cached.Data, 9, 4, new ForwardOptions { From = 3 }));
    }
}
