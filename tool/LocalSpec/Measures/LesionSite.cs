using LocalSpec.Nn;

namespace LocalSpec.Measures;

/// <summary>
/// Where a lesion of the OUTPUT units of parameter layer layers.{i} (dense units or conv channels)
/// is applied: after the last ReLU / max-pool / BatchNorm / dropout module that follows the layer
/// before the next dense, conv2d or flatten module, so that a BatchNorm after the unit cannot turn
/// the zero back into its shift β (METHOD.md §6). For a unit followed by a ReLU only, this equals
/// zeroing the unit's incoming weights and bias.
/// </summary>
public sealed class LesionSite
{
    private LesionSite(int parameterLayer, int unitModule, int maskModule, int nextModule, int units, int unitSize)
    {
        ParameterLayer = parameterLayer;
        UnitModule = unitModule;
        MaskModule = maskModule;
        NextModule = nextModule;
        Units = units;
        UnitSize = unitSize;
    }

    /// <summary>i of layers.{i}.</summary>
    public int ParameterLayer { get; }

    /// <summary>Module index of layers.{i}.</summary>
    public int UnitModule { get; }

    /// <summary>The module whose output the unit mask zeroes (<see cref="ForwardOptions.UnitMasks"/> key).</summary>
    public int MaskModule { get; }

    /// <summary>
    /// The dense or conv2d module that reads the masked output, with only flatten modules in between;
    /// −1 when there is none (then only the naive path applies).
    /// </summary>
    public int NextModule { get; }

    /// <summary>Units of the layer: dense outputs or conv channels.</summary>
    public int Units { get; }

    /// <summary>Values per unit at the mask point (H·W of a channel's feature map, 1 for a dense unit).</summary>
    public int UnitSize { get; }

    /// <summary>Whether the fast path can update <see cref="NextModule"/>'s pre-activations in closed form.</summary>
    public bool HasFastPath => NextModule >= 0;

    public static LesionSite Resolve(Network network, int parameterLayer)
    {
        ArgumentNullException.ThrowIfNull(network);
        int layers = network.ParameterLayerModules.Count;
        if (parameterLayer < 0 || parameterLayer >= layers)
            throw new ArgumentOutOfRangeException(nameof(parameterLayer), $"There is no layers.{parameterLayer}: the network has layers.0 … layers.{layers - 1}.");
        int unit = network.ModuleOfParameterLayer(parameterLayer);
        var modules = network.Layers;
        if (modules[unit].Type is not (LayerType.Dense or LayerType.Conv2d))
            throw new ArgumentException($"layers.{parameterLayer} is a {modules[unit].Spec.TypeName} layer; lesions apply to dense units and conv2d channels.", nameof(parameterLayer));
        int mask = unit;
        while (mask + 1 < modules.Count && modules[mask + 1].Type is LayerType.Relu or LayerType.MaxPool2d or LayerType.BatchNorm or LayerType.Dropout)
            mask++;
        int next = mask + 1;
        while (next < modules.Count && modules[next].Type == LayerType.Flatten) next++;
        if (next >= modules.Count || modules[next].Type is not (LayerType.Dense or LayerType.Conv2d)) next = -1;
        var shape = modules[mask].OutputShape;
        return new LesionSite(parameterLayer, unit, mask, next, shape[0], modules[mask].OutputLength / shape[0]);
    }

    /// <summary>The <see cref="ForwardOptions.UnitMasks"/> multipliers for one unit set: 0 for its units, 1 elsewhere.</summary>
    public float[] Mask(ReadOnlySpan<int> units)
    {
        var mask = new float[Units];
        Array.Fill(mask, 1f);
        foreach (int u in units) mask[u] = 0f;
        return mask;
    }

    public override string ToString() =>
        $"layers.{ParameterLayer} (module {UnitModule}), masked after module {MaskModule}" + (HasFastPath ? $", next module {NextModule}" : ", no fast path");
}
