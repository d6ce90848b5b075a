using LocalSpec.Nn;
using LocalSpec.Numerics;
using Xunit;

namespace LocalSpec.Tests.Nn;

public sealed class NetworkGradientTests
{
    private static Network SmallCnn() => GradientCheck.Build([2, 6, 6],
        new Conv2dSpec(3, 3, Padding.Same), new ReluSpec(), new MaxPool2dSpec(2), new BatchNormSpec(),
        new Conv2dSpec(4, 3, Padding.Valid), new ReluSpec(), new FlattenSpec(),
        new DenseSpec(5), new ReluSpec(), new DropoutSpec(0.25), new DenseSpec(3));

    [Fact]
    public void Whole_network_gradients_match_finite_differences_in_eval_mode()
    {
        GradientCheck.CheckNetwork(SmallCnn(), GradientCheck.Random(71, 3, 2, 6, 6), new ForwardOptions());
    }

    [Fact]
    public void Whole_network_gradients_match_finite_differences_in_training_mode()
    {
        GradientCheck.CheckNetwork(SmallCnn(), GradientCheck.Random(72, 3, 2, 6, 6), new ForwardOptions { Training = true, Rng = new Rng(3) });
    }

    [Fact]
    public void Input_gradient_up_to_an_intermediate_module_matches_finite_differences()
    {
        // feature visualisation: ∂(pre-activations of the second conv)/∂image
        GradientCheck.CheckNetwork(SmallCnn(), GradientCheck.Random(73, 2, 2, 6, 6), new ForwardOptions { To = 4 }, parameters: false);
    }

    [Fact]
    public void Gradients_from_an_intermediate_module_onwards_match_finite_differences()
    {
        var network = SmallCnn();
        var cached = network.Forward(GradientCheck.Random(74, 2, 2, 6, 6), new ForwardOptions { To = 3 });
        GradientCheck.CheckNetwork(network, cached, new ForwardOptions { From = 4 });
    }

    [Fact]
    public void Mlp_preset_gradients_match_finite_differences_on_a_tiny_input()
    {
        var spec = Presets.Create("mlp", [1, 2, 2], 3);
        var network = Network.Create(new ArchitectureSpec(spec.Input, spec.Layers.Select(l => l is DenseSpec { Units: 256 } ? new DenseSpec(6) : l)), new Rng(5));
        GradientCheck.CheckNetwork(network, GradientCheck.Random(75, 2, 1, 2, 2), new ForwardOptions());
    }

    [Fact]
    public void BackwardParameters_gives_the_same_parameter_gradients_as_Backward()
    {
        var network = SmallCnn();
        using var tape = network.ForwardWithTape(GradientCheck.Random(76, 3, 2, 6, 6), new ForwardOptions { Training = true, Rng = new Rng(1) });
        var dy = GradientCheck.Random(77, tape.Output.Shape);
        var a = new float[network.Parameters.Count];
        var b = new float[network.Parameters.Count];
        tape.Backward(dy, a);
        tape.BackwardParameters(dy, b);
        Assert.Equal(a, b);
        Assert.Contains(a, v => v != 0);
    }

    [Fact]
    public void Buffers_get_no_gradient()
    {
        var network = SmallCnn();
        using var tape = network.ForwardWithTape(GradientCheck.Random(78, 3, 2, 6, 6), new ForwardOptions { Training = true, Rng = new Rng(1) });
        var dParams = new float[network.Parameters.Count];
        tape.BackwardParameters(GradientCheck.Random(79, tape.Output.Shape), dParams);
        foreach (var view in network.Parameters.Views.Where(v => !v.Trainable))
            Assert.All(dParams.AsSpan(view.Offset, view.Length).ToArray(), g => Assert.Equal(0f, g));
    }
}
