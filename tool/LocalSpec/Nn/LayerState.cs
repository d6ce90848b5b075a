namespace LocalSpec.Nn;

/// <summary>
/// What a module's forward leaves for its backward in one pass (never stored on the layer, so
/// passes can run concurrently). Meaning per module: MaxPool2d Indices = argmax per output element;
/// BatchNorm Values = [mean (C), inverse std (C)] used to normalise; Dropout Values = mask [N, ...].
/// </summary>
internal sealed class LayerState
{
    public float[]? Values { get; set; }

    public int[]? Indices { get; set; }

    public void Release(BufferPool pool)
    {
        pool.Return(Values);
        pool.Return(Indices);
        Values = null;
        Indices = null;
    }
}
