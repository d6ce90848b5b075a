using Xunit;

namespace LocalSpec.Tests.Numerics;

/// <summary>Tests that read or briefly change the native OPENBLAS_CORETYPE run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class OpenBlasCoreTypeCollection
{
    public const string Name = "OPENBLAS_CORETYPE";
}
