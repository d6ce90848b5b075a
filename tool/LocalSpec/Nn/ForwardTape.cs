using LocalSpec.Numerics;

namespace LocalSpec.Nn;

/// <summary>
/// A forward pass that kept each module's input and per-pass state, so that gradients can be
/// propagated back. Not thread-safe; <see cref="Dispose"/> recycles its buffers (the input tensor
/// must not change while the tape is used).
/// </summary>
public sealed class ForwardTape : IDisposable
{
    private readonly Network _network;
    private readonly PassContext _ctx;
    private readonly int _n;
    private readonly float[][] _inputs;
    private readonly LayerState?[] _states;
    private readonly float[]?[] _masks;
    private readonly bool _kept;
    private bool _disposed;

    internal ForwardTape(Network network, PassContext ctx, int from, int to, int n, Tensor input,
        float[][] inputs, LayerState?[] states, float[]?[] masks, Tensor output, bool kept)
    {
        (_network, _ctx, From, To, _n, Input, _inputs, _states, _masks, Output, _kept) =
            (network, ctx, from, to, n, input, inputs, states, masks, output, kept);
    }

    public int From { get; }

    public int To { get; }

    public Tensor Input { get; }

    /// <summary>Output of module <see cref="To"/> [N, ...] (owned by the caller; stays valid after Dispose).</summary>
    public Tensor Output { get; }

    internal LayerState? State(int module) => _states[module - From];

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

    /// <summary>Adds the parameter gradients to <paramref name="dParams"/>, skipping the input gradient of the first module.</summary>
    public void BackwardParameters(Tensor dOutput, float[] dParams)
    {
        ArgumentNullException.ThrowIfNull(dParams);
        Propagate(dOutput, dParams, inputGradient: false);
    }

    private float[]? Propagate(Tensor dOutput, float[]? dParams, bool inputGradient)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_kept) throw new InvalidOperationException("This pass did not keep a tape.");
        ArgumentNullException.ThrowIfNull(dOutput);
        if (!dOutput.Shape.AsSpan().SequenceEqual(Output.Shape))
            throw new ArgumentException($"dOutput must have the output's shape {Tensor.Format(Output.Shape)}, got {Tensor.Format(dOutput.Shape)}.", nameof(dOutput));
        if (dParams is not null && dParams.Length != _network.Parameters.Count)
            throw new ArgumentException($"dParams must have {_network.Parameters.Count} elements (the parameter count), got {dParams.Length}.", nameof(dParams));
        var pool = _network.Pool;
        _ctx.DParams = dParams;
        float[] dy = pool.Floats(dOutput.Length);
        dOutput.Data.AsSpan().CopyTo(dy);
        float[]? dx = null;
        for (int m = To; m >= From; m--)
        {
            var layer = _network.Layers[m];
            if (_masks[m] is { } mask) UnitMasks.Apply(dy, _n, layer, mask);
            int length = _n * layer.InputLength;
            dx = m > From ? pool.Floats(length) : inputGradient ? new float[length] : null;
            layer.Backward(_ctx, _inputs[m - From], dy, dx, _n, _states[m - From]);
            pool.Return(dy);
            if (dx is null) break;
            dy = dx;
        }
        _ctx.DParams = null;
        return dx;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        var pool = _network.Pool;
        for (int i = 1; i < _inputs.Length; i++) pool.Return(_inputs[i]);
        foreach (var state in _states) state?.Release(pool);
    }
}
