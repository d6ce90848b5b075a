namespace LocalSpec.Data;

/// <summary>The class names of the known sets, index = label.</summary>
public static class ClassNames
{
    public static readonly IReadOnlyList<string> Digits = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    /// <summary>Fashion-MNIST's labels, as in its README.</summary>
    public static readonly IReadOnlyList<string> Fashion =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>CIFAR-10's labels, as in its batches.meta.txt.</summary>
    public static readonly IReadOnlyList<string> Cifar10 =
        ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];
}
