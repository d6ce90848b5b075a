namespace LocalSpec.Numerics;

/// <summary>The BLAS provider the user asked for (LOCALSPEC_BLAS) cannot be had; the message is one line naming why.</summary>
public sealed class BlasUnavailableException(string message) : Exception(message);
