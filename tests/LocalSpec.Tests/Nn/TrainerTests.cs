using LocalSpec.Nn;
using LocalSpec.Numerics;
using Xunit;

namespace LocalSpec.Tests.Nn;

public sealed class TrainerTests
{
    /// <summary>Two Gaussian blobs per class around 3 well-separated centres in 4-D: linearly separable.</summary>
    private static (float[] X, int[] Y) Blobs(int count, ulong seed)
    {
        float[][] centres = [[3, 0, 0, 3], [-3, 3, 0, 0], [0, -3, 3, -3]];
        var rng = new Rng(seed);
        var x = new float[count * 4];
        var y = new int[count];
        for (int i = 0; i < count; i++)
        {
            y[i] = rng.NextInt(3);
            for (int j = 0; j < 4; j++) x[i * 4 + j] = centres[y[i]][j] + (float)(0.5 * rng.NextGaussian());
        }
        return (x, y);
    }

    private static Network SmallCnn(ulong seed) => Network.Create(new ArchitectureSpec([1, 6, 6],
    [
        new Conv2dSpec(3, 3, Padding.Same), new ReluSpec(), new MaxPool2dSpec(2), new BatchNormSpec(),
        new DropoutSpec(0.3), new FlattenSpec(), new DenseSpec(8), new ReluSpec(), new DenseSpec(3),
    ]), Trainer.InitRng(seed));

    private static byte[] TrainCnn(ulong seed)
    {
        var rng = new Rng(100);
        var x = Enumerable.Range(0, 50 * 36).Select(_ => rng.NextSingle()).ToArray();
        var y = Enumerable.Range(0, 50).Select(i => i % 3).ToArray();
        var network = SmallCnn(seed);
        Trainer.Train(network, x, y, 50, new TrainingOptions { Epochs = 2, BatchSize = 16, Seed = seed });
        var bytes = new byte[network.Parameters.Count * 4];
        Buffer.BlockCopy(network.Parameters.Data, 0, bytes, 0, bytes.Length);
        return bytes;
    }

    [Fact]
    public void Same_seed_gives_byte_identical_parameters_and_a_different_seed_does_not()
    {
        var a = TrainCnn(5);
        Assert.Equal(a, TrainCnn(5));
        Assert.NotEqual(a, TrainCnn(6));
    }

    [Fact]
    public void A_tiny_mlp_learns_a_separable_problem()
    {
        var (x, y) = Blobs(300, 1);
        var (tx, ty) = Blobs(200, 2);
        var spec = new ArchitectureSpec([4], [new DenseSpec(16), new ReluSpec(), new DenseSpec(3)]);
        var network = Network.Create(spec, Trainer.InitRng(0));
        var result = Trainer.Train(network, x, y, 300, tx, ty, 200, new TrainingOptions { Epochs = 15, BatchSize = 32, Adam = new AdamOptions { LearningRate = 0.01 } });
        Assert.Equal(15, result.Epochs.Count);
        Assert.True(result.Epochs[^1].TrainLoss < 0.2 * result.Epochs[0].TrainLoss, $"loss {result.Epochs[0].TrainLoss} → {result.Epochs[^1].TrainLoss}");
        Assert.True(result.FinalTestAccuracy >= 0.99, $"test accuracy {result.FinalTestAccuracy}");
        Assert.True(result.Epochs[^1].TrainAccuracy >= 0.98);
        Assert.Equal(result.FinalTestAccuracy, Evaluator.Accuracy(network, tx, ty, 200));
    }

    [Fact]
    public void Every_example_is_trained_once_per_epoch_including_the_last_partial_batch()
    {
        var (x, y) = Blobs(10, 3);
        var network = Network.Create(new ArchitectureSpec([4], [new DenseSpec(3)]), Trainer.InitRng(0));
        var progress = new ListProgress<TrainingProgress>();
        var result = Trainer.Train(network, x, y, 10, new TrainingOptions { Epochs = 2, BatchSize = 4 }, progress);
        Assert.Equal([(1, 1, 3), (1, 2, 3), (1, 3, 3), (2, 1, 3), (2, 2, 3), (2, 3, 3)], progress.Reports.Select(p => (p.Epoch, p.Batch, p.Batches)));
        Assert.All(progress.Reports, p => Assert.Equal(2, p.Epochs));
        Assert.Null(result.Epochs[0].TestAccuracy);
        Assert.Equal(result.Epochs[0].TrainLoss, progress.Reports[2].RunningLoss, 12);
        Assert.True(result.Epochs[0].ExamplesPerSecond > 0 && result.Epochs[0].Seconds > 0);
    }

    [Fact]
    public void The_training_loss_of_an_epoch_is_the_example_weighted_mean_of_its_batch_losses()
    {
        // one step per epoch with lr tiny: the first epoch's loss is the initial network's loss on all the data
        var (x, y) = Blobs(10, 4);
        var network = Network.Create(new ArchitectureSpec([4], [new DenseSpec(3)]), Trainer.InitRng(1));
        var logits = network.Forward(new Tensor((float[])x.Clone(), 10, 4));
        double initial = SoftmaxCrossEntropy.Compute(logits, y).Loss;
        var result = Trainer.Train(network, x, y, 10, new TrainingOptions { BatchSize = 10, Adam = new AdamOptions { LearningRate = 1e-9 } });
        Assert.Equal(initial, result.Epochs[0].TrainLoss, 6);
    }

    [Fact]
    public void Bad_data_is_a_clear_error()
    {
        var network = Network.Create(new ArchitectureSpec([4], [new DenseSpec(3)]), Trainer.InitRng(0));
        var e = Assert.Throws<ArgumentException>(() => Trainer.Train(network, new float[30], new int[10], 10, new TrainingOptions()));
        Assert.Contains("fewer than 10 examples × 4 ([4])", e.Message);
        Assert.Throws<ArgumentException>(() => Trainer.Train(network, new float[40], new int[10], 10, new TrainingOptions { BatchSize = 0 }));
    }

    [Fact]
    public void Training_can_be_cancelled()
    {
        var (x, y) = Blobs(10, 5);
        var network = Network.Create(new ArchitectureSpec([4], [new DenseSpec(3)]), Trainer.InitRng(0));
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.Throws<OperationCanceledException>(() => Trainer.Train(network, x, y, 10, new TrainingOptions(), null, cancel.Token));
    }
}
