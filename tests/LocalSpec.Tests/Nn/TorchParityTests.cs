using System.Text.Json;
using LocalSpec.Nn;

namespace LocalSpec.Tests.Nn;

/// <summary>
/// The engine against values dumped from PyTorch 1.13 (fixtures/torch/README.md): logits, loss,
/// every parameter gradient, the input gradient, BatchNorm running statistics, the losses of five
/// Adam steps, the parameters after them and eval-mode logits, to 1e-4 relative per tensor.
/// </summary>
public sealed class TorchParityTests
{
    public static TheoryData<string, string> Cases => new()
    {
        { "mlp_small", "plain" }, { "mlp_small", "l2" }, { "cnn_small", "plain" }, { "cnn_small", "l2" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Forward_backward_and_five_Adam_steps_match_PyTorch(string fixture, string caseName)
    {
        using var f = new TorchFixture(fixture);
        var c = f.Case(caseName);
        var network = f.BuildNetwork();
        var x = f.Inputs;
        int[] labels = f.Labels;
        double lambda = c.GetProperty("l2_lambda").GetDouble();
        var adamSpec = c.GetProperty("adam");
        var adam = new Adam(network.Parameters, new AdamOptions
        {
            LearningRate = adamSpec.GetProperty("lr").GetDouble(),
            Beta1 = adamSpec.GetProperty("beta1").GetDouble(),
            Beta2 = adamSpec.GetProperty("beta2").GetDouble(),
            Epsilon = adamSpec.GetProperty("eps").GetDouble(),
            L2 = lambda,
        });
        double[] losses = c.GetProperty("losses").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        int steps = adamSpec.GetProperty("steps").GetInt32();
        var training = new ForwardOptions { Training = true };
        for (int step = 0; step < steps; step++)
        {
            var grads = new float[network.Parameters.Count];
            using var tape = network.ForwardWithTape(x, training);
            var ce = SoftmaxCrossEntropy.Compute(tape.Output, labels, out Tensor dLogits);
            double loss = ce.Loss + lambda * SumOfSquaredWeights(network);
            Assert.True(Math.Abs(loss - losses[step]) <= 1e-4 * Math.Abs(losses[step]),
                $"{fixture}/{caseName}: loss before step {step + 1} is {loss}, PyTorch {losses[step]}");
            var dx = tape.Backward(dLogits, grads);
            if (step == 0) CheckFirstStep(f, c, network, tape.Output, dx, grads, lambda);
            adam.Step(grads);
        }
        foreach (var p in c.GetProperty("params_after").EnumerateObject())
            TorchFixture.AssertClose(TorchFixture.ReadTensor(p.Value).Data, network.Parameters.Span(p.Name), $"{p.Name} after {steps} steps");
        TorchFixture.AssertClose(TorchFixture.ReadTensor(c.GetProperty("eval_logits_after")).Data, network.Forward(x).Data, "eval logits after the steps");
    }

    private static void CheckFirstStep(TorchFixture f, JsonElement c, Network network, Tensor logits, Tensor dx, float[] grads, double lambda)
    {
        TorchFixture.AssertClose(TorchFixture.ReadTensor(c.GetProperty("logits")).Data, logits.Data, "logits");
        TorchFixture.AssertClose(TorchFixture.ReadTensor(c.GetProperty("input_grad")).Data, dx.Data, "input gradient");
        foreach (var g in c.GetProperty("grads").EnumerateObject())
        {
            var view = network.Parameters[g.Name];
            // PyTorch's gradient includes the L2 term of the loss; the engine adds 2λw inside Adam.
            var ours = grads.AsSpan(view.Offset, view.Length).ToArray();
            if (view.Kind == ParameterKind.Weight)
            {
                var w = network.Parameters.Span(view);
                for (int i = 0; i < ours.Length; i++) ours[i] += (float)(2 * lambda * w[i]);
            }
            TorchFixture.AssertClose(TorchFixture.ReadTensor(g.Value).Data, ours, $"d{g.Name}");
        }
        if (c.TryGetProperty("buffers_after_first_forward", out var buffers))
            foreach (var b in buffers.EnumerateObject())
                TorchFixture.AssertClose(TorchFixture.ReadTensor(b.Value).Data, network.Parameters.Span(b.Name), $"{b.Name} after the first forward");
    }

    private static double SumOfSquaredWeights(Network network)
    {
        double sum = 0;
        foreach (var view in network.Parameters.Views.Where(v => v.Kind == ParameterKind.Weight))
            foreach (float w in network.Parameters.Span(view)) sum += (double)w * w;
        return sum;
    }
}
