namespace LocalSpec.Measures;

/// <summary>One optimised image x(θ, c) and its proxies (METHOD.md §6).</summary>
/// <param name="Units">The unit set c.</param>
/// <param name="Image">x(θ, c) = sigmoid(v) after the last step, [C, H, W] (the network's input shape), values in (0, 1).</param>
/// <param name="Score">featvis.score = ‖Act(x, θ, c)‖₁ on the un-jittered <paramref name="Image"/>.</param>
/// <param name="Entropy">featvis.entropy = H(softmax(f(x))) in nats on the un-jittered image, in [0, ln K].</param>
/// <param name="Objective">‖Act‖₁ of the jittered image each step was taken on (index t: after t updates), length = steps.</param>
public sealed record FeatureVisualization(int[] Units, float[] Image, double Score, double Entropy, double[] Objective);
