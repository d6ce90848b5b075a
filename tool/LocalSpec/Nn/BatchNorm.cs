namespace LocalSpec.Nn;

/// <summary>
/// Batch normalisation per feature of [N, F] or per channel of [N, C, H, W]:
/// y = γ (x − μ) / sqrt(σ² + ε) + β. Training uses the batch's μ and biased σ² and updates the
/// running statistics with PyTorch's momentum and the unbiased σ² (ENGINE-CONTRACT.md); eval uses
/// the running statistics.
/// </summary>
public sealed class BatchNorm : Layer
{
    private readonly int _c, _s;
    private readonly double _eps, _momentum;

    internal BatchNorm(int index, int parameterIndex, BatchNormSpec spec, int[] shape, ParameterStore store)
        : base(index, parameterIndex, spec, shape, shape)
    {
        _c = shape[0];
        _s = InputLength / _c;
        (_eps, _momentum) = (spec.Eps, spec.Momentum);
        Gamma = store[$"layers.{parameterIndex}.weight"];
        Beta = store[$"layers.{parameterIndex}.bias"];
        RunningMean = store[$"layers.{parameterIndex}.running_mean"];
        RunningVar = store[$"layers.{parameterIndex}.running_var"];
    }

    public ParameterView Gamma { get; }

    public ParameterView Beta { get; }

    public ParameterView RunningMean { get; }

    public ParameterView RunningVar { get; }

    // x [N, C, S] → y [N, C, S] (S = H·W, or 1 for [N, F]); state.Values = [μ (C), 1/sqrt(σ² + ε) (C)]
    internal override void Forward(PassContext ctx, float[] x, float[] y, int n, LayerState? state)
    {
        int count = n * _s;
        if (ctx.Training && count < 2)
            throw new InvalidOperationException(
                $"batchnorm layers.{ParameterIndex} in training mode needs more than one value per channel (got {count}); use a larger batch.");
        float[] stats = ctx.Pool.Floats(2 * _c);
        var p = ctx.Parameters;
        Parallelism.For(_c, count, c =>
        {
            double mean, invStd;
            if (ctx.Training)
            {
                (mean, double variance) = Moments(x, n, c);
                invStd = 1.0 / Math.Sqrt(variance + _eps);
                int rm = RunningMean.Offset + c, rv = RunningVar.Offset + c;
                p[rm] = (float)((1 - _momentum) * p[rm] + _momentum * mean);
                p[rv] = (float)((1 - _momentum) * p[rv] + _momentum * variance * count / (count - 1));
            }
            else
            {
                mean = p[RunningMean.Offset + c];
                invStd = 1.0 / Math.Sqrt(p[RunningVar.Offset + c] + _eps);
            }
            stats[c] = (float)mean;
            stats[_c + c] = (float)invStd;
            float mu = (float)mean, scale = (float)(p[Gamma.Offset + c] * invStd), beta = p[Beta.Offset + c];
            for (int i = 0; i < n; i++)
            {
                int o = (i * _c + c) * _s;
                for (int s = o; s < o + _s; s++) y[s] = (x[s] - mu) * scale + beta;
            }
        });
        if (state is null) ctx.Pool.Return(stats);
        else state.Values = stats;
    }

    /// <summary>Mean and biased variance of channel c over N and S, two-pass in double.</summary>
    private (double Mean, double Variance) Moments(float[] x, int n, int c)
    {
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            int o = (i * _c + c) * _s;
            for (int s = o; s < o + _s; s++) sum += x[s];
        }
        double mean = sum / (n * _s), squares = 0;
        for (int i = 0; i < n; i++)
        {
            int o = (i * _c + c) * _s;
            for (int s = o; s < o + _s; s++) squares += (x[s] - mean) * (x[s] - mean);
        }
        return (mean, squares / (n * _s));
    }

    // dy [N, C, S] → dx [N, C, S]; dγ += Σ dy·x̂, dβ += Σ dy. Training (m = N·S values per channel):
    // dx = γ/(m·sqrt(σ² + ε)) · (m·dy − Σdy − x̂·Σ(dy·x̂)); eval: dx = γ·dy/sqrt(σ²_running + ε).
    internal override void Backward(PassContext ctx, float[] x, float[] dy, float[]? dx, int n, LayerState? state)
    {
        float[] stats = state?.Values ?? throw new InvalidOperationException("batchnorm backward needs the forward's statistics.");
        var p = ctx.Parameters;
        var dp = ctx.DParams;
        int count = n * _s;
        Parallelism.For(_c, 2 * count, c =>
        {
            float mu = stats[c], invStd = stats[_c + c], gamma = p[Gamma.Offset + c];
            double sumDy = 0, sumDyXhat = 0;
            for (int i = 0; i < n; i++)
            {
                int o = (i * _c + c) * _s;
                for (int s = o; s < o + _s; s++)
                {
                    sumDy += dy[s];
                    sumDyXhat += dy[s] * ((x[s] - mu) * invStd);
                }
            }
            if (dp is not null)
            {
                dp[Gamma.Offset + c] += (float)sumDyXhat;
                dp[Beta.Offset + c] += (float)sumDy;
            }
            if (dx is null) return;
            if (ctx.Training) Normalised(x, dy, dx, n, c, mu, invStd, gamma * invStd / count, (float)sumDy, (float)sumDyXhat, count);
            else Scaled(dy, dx, n, c, gamma * invStd);
        });
    }

    private void Normalised(float[] x, float[] dy, float[] dx, int n, int c, float mu, float invStd, float k, float sumDy, float sumDyXhat, int count)
    {
        for (int i = 0; i < n; i++)
        {
            int o = (i * _c + c) * _s;
            for (int s = o; s < o + _s; s++) dx[s] = k * (count * dy[s] - sumDy - (x[s] - mu) * invStd * sumDyXhat);
        }
    }

    private void Scaled(float[] dy, float[] dx, int n, int c, float k)
    {
        for (int i = 0; i < n; i++)
        {
            int o = (i * _c + c) * _s;
            for (int s = o; s < o + _s; s++) dx[s] = k * dy[s];
        }
    }
}
