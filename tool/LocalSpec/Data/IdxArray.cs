namespace LocalSpec.Data;

/// <summary>The content of an unsigned-byte IDX file: its dimensions and its bytes, row-major.</summary>
public sealed class IdxArray
{
    public IdxArray(int[] dims, byte[] data)
    {
        Dims = dims;
        Data = data;
    }

    /// <summary>The dimensions as declared in the header (e.g. [N, H, W] for images, [N] for labels).</summary>
    public int[] Dims { get; }

    /// <summary>The elements in row-major order; length = product of <see cref="Dims"/>.</summary>
    public byte[] Data { get; }
}
