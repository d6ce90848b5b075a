using System.Diagnostics;
using LocalSpec.Numerics;

namespace LocalSpec.Nn;

/// <summary>
/// Mini-batch training with Adam and softmax cross-entropy (METHOD.md §1). Examples are reshuffled
/// every epoch by the seed's "shuffle" stream; dropout draws from its "dropout" stream; the last,
/// partial batch is trained on too. Same network, data and options → byte-identical parameters.
/// Inputs are flat: example j is x[j·L .. (j + 1)·L) with L = Π network.InputShape.
/// </summary>
public static class Trainer
{
    /// <summary>The generator to initialise the network from, so one seed fixes the whole run: <c>Network.Create(spec, Trainer.InitRng(seed))</c>.</summary>
    public static Rng InitRng(ulong seed) => new Rng(seed).Fork("init");

    public static TrainingResult Train(Network network, ReadOnlyMemory<float> trainX, int[] trainY, int trainCount,
        TrainingOptions options, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Train(network, trainX, trainY, trainCount, default, null, 0, options, progress, cancellationToken);

    /// <summary>Trains <paramref name="network"/> in place; with testCount &gt; 0 also measures test accuracy after every epoch.</summary>
    public static TrainingResult Train(Network network, ReadOnlyMemory<float> trainX, int[] trainY, int trainCount,
        ReadOnlyMemory<float> testX, int[]? testY, int testCount, TrainingOptions options,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Evaluator.CheckData(network, 0, trainX, trainY, trainCount, "training");
        if (testCount > 0) Evaluator.CheckData(network, 0, testX, testY, testCount, "test");
        if (trainCount < 1) throw new ArgumentException("There are no training examples.", nameof(trainCount));

        var root = new Rng(options.Seed);
        var shuffle = root.Fork("shuffle");
        var forward = new ForwardOptions { Training = true, Rng = root.Fork("dropout") };
        var adam = new Adam(network.Parameters, options.Adam);
        var batches = new BatchBuffers(network);
        var gradients = new float[network.Parameters.Count];
        var epochs = new List<EpochRecord>();
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            int[] order = shuffle.Permutation(trainCount);
            int count = (trainCount + options.BatchSize - 1) / options.BatchSize, seen = 0, correct = 0;
            double lossSum = 0;
            for (int b = 0; b < count; b++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int start = b * options.BatchSize, size = Math.Min(options.BatchSize, trainCount - start);
                var (x, y, dLogits) = batches.Gather(trainX.Span, trainY, order.AsSpan(start, size));
                LossResult loss;
                using (var tape = network.ForwardWithTape(x, forward))
                {
                    loss = SoftmaxCrossEntropy.Compute(tape.Output, y, dLogits.Data);
                    Array.Clear(gradients);
                    tape.BackwardParameters(dLogits, gradients);
                }
                adam.Step(gradients);
                lossSum += loss.Loss * size;
                correct += loss.Correct;
                seen += size;
                progress?.Report(new TrainingProgress(epoch, options.Epochs, b + 1, count, lossSum / seen,
                    (double)correct / seen, seen / Math.Max(clock.Elapsed.TotalSeconds, 1e-9)));
            }
            double seconds = clock.Elapsed.TotalSeconds;
            double? test = testCount > 0 ? Evaluator.Accuracy(network, testX, testY!, testCount, options.EvaluationBatchSize) : null;
            epochs.Add(new EpochRecord(epoch, lossSum / seen, (double)correct / seen, test, seconds, seen / Math.Max(seconds, 1e-9)));
        }
        return new TrainingResult(epochs);
    }

    /// <summary>Reused batch arrays: one set for full batches, one for the final partial batch.</summary>
    private sealed class BatchBuffers(Network network)
    {
        private readonly int _length = (int)Tensor.Count(network.InputShape.ToArray());
        private readonly int _classes = network.Layers[^1].OutputLength;
        private readonly Dictionary<int, (Tensor X, int[] Y, Tensor DLogits)> _sets = [];

        public (Tensor X, int[] Y, Tensor DLogits) Gather(ReadOnlySpan<float> x, int[] y, ReadOnlySpan<int> rows)
        {
            int n = rows.Length;
            if (!_sets.TryGetValue(n, out var set))
            {
                _sets[n] = set = (Tensor.Zeros([n, .. network.InputShape]), new int[n], Tensor.Zeros(n, _classes));
            }
            for (int j = 0; j < n; j++)
            {
                x.Slice(rows[j] * _length, _length).CopyTo(set.X.Data.AsSpan(j * _length, _length));
                set.Y[j] = y[rows[j]];
            }
            return set;
        }
    }
}
