namespace LocalSpec.Nn;

/// <summary>
/// What a forward pass leaves for backward: per module From..To (index m − From) its input buffer
/// and state, the unit masks by module index, and the output.
/// </summary>
internal sealed record PassRecord(PassContext Context, int From, int To, int N, Tensor Input,
    float[][] Inputs, LayerState?[] States, float[]?[] Masks, Tensor Output);
