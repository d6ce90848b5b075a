namespace LocalSpec.Nn;

/// <summary>
/// A forward pass that kept each module's input and per-pass state, so that gradients can be
/// propagated back. Not thread-safe; <see cref="Dispose"/> recycles its buffers (the input tensor
/// must not change while the tape is used).
/// </summary>
public sealed class ForwardTape : IDisposable
{
    private readonly Network _network;
    private readonly PassRecord _pass;
    private bool _disposed;

    internal ForwardTape(Network network, PassRecord pass) => (_network, _pass) = (network, pass);

    /// <summary>First module of the pass.</summary>
    public int From => _pass.From;

    /// <summary>Last module of the pass.</summary>
    public int To => _pass.To;

    public Tensor Input => _pass.Input;

    /// <summary>Output of module <see cref="To"/> [N, ...] (owned by the caller; stays valid after Dispose).</summary>
    public Tensor Output => _pass.Output;

    internal LayerState? State(int module) => _pass.States[module - From];

    /// <summary>
    /// Back-propagates <paramref name="dOutput"/> (∂loss/∂Output, same shape as <see cref="Output"/>) and
    /// returns ∂loss/∂Input; when <paramref name="dParams"/> is given (length = parameter count) the
    /// parameter gradients are ADDED to it.
    /// </summary>
    public Tensor Backward(Tensor dOutput, float[]? dParams = null)
    {
        var dx = Propagate(dOutput, dParams, inputGradient: true)!;
        return new Tensor(dx, Input.Shape.ToArray());
    }

    /// <summary>
    /// Adds the parameter gradients to <paramref name="dParams"/>; back-propagation stops at the first
    /// parametrised module (no input gradient is computed), which is what training needs.
    /// </summary>
    public void BackwardParameters(Tensor dOutput, float[] dParams)
    {
        ArgumentNullException.ThrowIfNull(dParams);
        Propagate(dOutput, dParams, inputGradient: false);
    }

    private float[]? Propagate(Tensor dOutput, float[]? dParams, bool inputGradient)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(dOutput);
        if (!dOutput.Shape.AsSpan().SequenceEqual(Output.Shape))
            throw new ArgumentException($"dOutput must have the output's shape {Tensor.Format(Output.Shape)}, got {Tensor.Format(dOutput.Shape)}.", nameof(dOutput));
        if (dParams is not null && dParams.Length != _network.Parameters.Count)
            throw new ArgumentException($"dParams must have {_network.Parameters.Count} elements (the parameter count), got {dParams.Length}.", nameof(dParams));
        var pool = _network.Pool;
        var ctx = _pass.Context;
        ctx.DParams = dParams;
        // the lowest module whose backward is needed: the first one, or the first with parameters
        int last = From;
        while (!inputGradient && last <= To && _network.Layers[last].ParameterIndex < 0) last++;
        float[] dy = pool.Floats(dOutput.Length);
        dOutput.Data.AsSpan().CopyTo(dy);
        float[]? dx = null;
        for (int m = To; m >= last; m--)
        {
            var layer = _network.Layers[m];
            if (_pass.Masks[m] is { } mask) UnitMasks.Apply(dy, _pass.N, layer, mask);
            int length = _pass.N * layer.InputLength;
            dx = m > last ? pool.Floats(length) : inputGradient ? new float[length] : null;
            layer.Backward(ctx, _pass.Inputs[m - From], dy, dx, _pass.N, _pass.States[m - From]);
            pool.Return(dy);
            if (dx is null) break;
            dy = dx;
        }
        if (dx is null && last > To) pool.Return(dy);
        ctx.DParams = null;
        return dx;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        var pool = _network.Pool;
        for (int i = 1; i < _pass.Inputs.Length; i++) pool.Return(_pass.Inputs[i]);
        foreach (var state in _pass.States) state?.Release(pool);
    }
}
