using LocalSpec.Nn;
using LocalSpec.Numerics;
using Xunit;

namespace LocalSpec.Tests.Nn;

public sealed class DropoutTests
{
    private static readonly Network Net = GradientCheck.Build([2, 10, 10], new DropoutSpec(0.3));

    private static ForwardOptions Training(ulong seed) => new() { Training = true, Rng = new Rng(seed) };

    [Fact]
    public void Dropout_applies_the_same_mask_forward_and_backward()
    {
        var x = GradientCheck.Random(51, 4, 2, 10, 10);
        using var tape = Net.ForwardWithTape(x, Training(1));
        var dy = GradientCheck.Random(52, 4, 2, 10, 10);
        var dx = tape.Backward(dy);
        float scale = 1 / 0.7f;
        int dropped = 0;
        for (int i = 0; i < x.Length; i++)
        {
            bool kept = tape.Output.Data[i] != 0;
            if (!kept) dropped++;
            Assert.Equal(kept ? x.Data[i] * scale : 0f, tape.Output.Data[i]);
            Assert.Equal(kept ? dy.Data[i] * scale : 0f, dx.Data[i]);
        }
        Assert.InRange(dropped / (double)x.Length, 0.25, 0.35); // 800 Bernoulli(0.3) draws: ±3.4 standard deviations
    }

    [Fact]
    public void Dropout_backward_matches_finite_differences_with_its_mask()
    {
        var network = GradientCheck.Build([6], new DenseSpec(5), new DropoutSpec(0.5), new DenseSpec(3));
        GradientCheck.CheckNetwork(network, GradientCheck.Random(53, 4, 6), Training(2));
    }

    [Fact]
    public void Dropout_mask_is_deterministic_for_a_seed_and_differs_between_seeds()
    {
        var x = GradientCheck.Random(54, 4, 2, 10, 10);
        var a = Net.Forward(x, Training(3)).Data;
        var b = Net.Forward(x, Training(3)).Data;
        var c = Net.Forward(x, Training(4)).Data;
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Dropout_draws_a_fresh_mask_for_every_pass_from_the_same_stream()
    {
        var x = GradientCheck.Random(55, 4, 2, 10, 10);
        var options = Training(5);
        Assert.NotEqual(Net.Forward(x, options).Data, Net.Forward(x, options).Data);
    }

    [Fact]
    public void Dropout_is_the_identity_in_eval_mode()
    {
        var x = GradientCheck.Random(56, 4, 2, 10, 10);
        using var tape = Net.ForwardWithTape(x);
        Assert.Equal(x.Data, tape.Output.Data);
        var dy = GradientCheck.Random(57, 4, 2, 10, 10);
        Assert.Equal(dy.Data, tape.Backward(dy).Data);
    }

    [Fact]
    public void Training_mode_dropout_without_a_random_stream_is_a_clear_error()
    {
        var e = Assert.Throws<ArgumentException>(() => Net.Forward(Tensor.Zeros(1, 2, 10, 10), new ForwardOptions { Training = true }));
        Assert.Contains("ForwardOptions.Rng", e.Message);
    }
}
