namespace LocalSpec.Nn;

/// <summary>Conv2d padding (stride is always 1).</summary>
public enum Padding
{
    /// <summary>"same": (kernel − 1)/2 zeros on each side; output H, W = input H, W.</summary>
    Same,

    /// <summary>"valid": no padding; output H − kernel + 1.</summary>
    Valid,
}
