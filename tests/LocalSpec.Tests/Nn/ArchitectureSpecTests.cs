using System.Globalization;
using LocalSpec.Nn;
using Xunit;

namespace LocalSpec.Tests.Nn;

public sealed class ArchitectureSpecTests
{
    private const string ContractExample =
        """{"format":"localspec.arch/1","input":[1,28,28],"layers":[{"type":"flatten"},{"type":"dense","units":256},{"type":"relu"}]}""";

    [Fact]
    public void Canonical_json_is_compact_ordered_and_writes_defaults()
    {
        var spec = new ArchitectureSpec([3, 8, 8],
        [
            new Conv2dSpec(4, 3, Padding.Same), new ReluSpec(), new MaxPool2dSpec(2), new BatchNormSpec(),
            new DropoutSpec(0.5), new FlattenSpec(), new DenseSpec(10),
        ]);
        Assert.Equal(
            """{"format":"localspec.arch/1","input":[3,8,8],"layers":[{"type":"conv2d","filters":4,"kernel":3,"padding":"same"},{"type":"relu"},{"type":"maxpool2d","size":2},{"type":"batchnorm","eps":1e-05,"momentum":0.1},{"type":"dropout","rate":0.5},{"type":"flatten"},{"type":"dense","units":10}]}""",
            spec.ToJson());
    }

    [Fact]
    public void Json_round_trips_for_every_preset_and_in_a_comma_decimal_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            foreach (string name in Presets.Names)
            {
                var spec = Presets.Create(name, [3, 32, 32], 10);
                string json = spec.ToJson();
                var parsed = ArchitectureSpec.Parse(json);
                Assert.Equal(spec, parsed);
                Assert.Equal(json, parsed.ToJson());
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Parses_the_contract_example_with_whitespace_and_default_batchnorm_fields()
    {
        var spec = ArchitectureSpec.Parse(ContractExample);
        Assert.Equal([1, 28, 28], spec.Input);
        Assert.Equal([LayerType.Flatten, LayerType.Dense, LayerType.Relu], spec.Layers.Select(l => l.Type));
        var bn = ArchitectureSpec.Parse("""
            { "format": "localspec.arch/1", "input": [4],
              "layers": [ { "type": "batchnorm" }, { "momentum": 0.01, "type": "batchnorm", "eps": 0.001 } ] }
            """);
        Assert.Equal(new BatchNormSpec(1e-5, 0.1), bn.Layers[0]);
        Assert.Equal(new BatchNormSpec(1e-3, 0.01), bn.Layers[1]);
    }

    [Theory]
    [InlineData("""{"type":"conv2d","filters":8,"kernel":4,"padding":"same"}""", "arch.layers[1].kernel: must be an odd positive integer (got 4)")]
    [InlineData("""{"type":"conv2d","filters":8,"kernel":3,"padding":"full"}""", "arch.layers[1].padding: must be \"same\" or \"valid\" (got \"full\")")]
    [InlineData("""{"type":"conv2d","filters":8,"kernel":3}""", "arch.layers[1].padding: missing")]
    [InlineData("""{"type":"conv2d","filters":0,"kernel":3,"padding":"valid"}""", "arch.layers[1].filters: must be a positive integer (got 0)")]
    [InlineData("""{"type":"conv2d","filters":8,"kernel":7,"padding":"valid"}""", "arch.layers[1].kernel: 7 does not fit the 6×6 input with padding \"valid\"")]
    [InlineData("""{"type":"dense","units":2.5}""", "arch.layers[1].units: must be an integer (got 2.5)")]
    [InlineData("""{"type":"dense","units":10}""", "arch.layers[1]: dense needs a flat input but gets [2, 6, 6]; add a flatten layer before it")]
    [InlineData("""{"type":"dense","unit":10}""", "arch.layers[1].unit: unknown field (allowed: type, units)")]
    [InlineData("""{"type":"maxpool2d","size":7}""", "arch.layers[1].size: 7 does not fit the 6×6 input")]
    [InlineData("""{"type":"dropout","rate":1}""", "arch.layers[1].rate: must be a number in [0, 1) (got 1)")]
    [InlineData("""{"type":"batchnorm","eps":0}""", "arch.layers[1].eps: must be a positive finite number (got 0)")]
    [InlineData("""{"type":"batchnorm","momentum":1.5}""", "arch.layers[1].momentum: must be a number in [0, 1] (got 1.5)")]
    [InlineData("""{"type":"softmax"}""", "arch.layers[1].type: unknown layer type \"softmax\" (expected one of dense, conv2d, maxpool2d, relu, flatten, batchnorm, dropout)")]
    [InlineData("""{"units":3}""", "arch.layers[1].type: missing (expected one of dense, conv2d, maxpool2d, relu, flatten, batchnorm, dropout)")]
    [InlineData("""{"type":"relu","type":"relu"}""", "arch.layers[1].type: appears more than once")]
    [InlineData("""7""", "arch.layers[1]: must be an object with a \"type\" (got 7)")]
    public void Bad_layers_give_one_line_errors_naming_the_field(string layer, string message)
    {
        string json = $$"""{"format":"localspec.arch/1","input":[2,6,6],"layers":[{"type":"relu"},{{layer}}]}""";
        var e = Assert.Throws<ArchitectureException>(() => ArchitectureSpec.Parse(json));
        Assert.Equal(message, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("""{"format":"localspec.arch/2","input":[1],"layers":[{"type":"relu"}]}""", "arch.format: must be \"localspec.arch/1\" (got \"localspec.arch/2\")")]
    [InlineData("""{"input":[1],"layers":[{"type":"relu"}]}""", "arch.format: missing")]
    [InlineData("""{"format":"localspec.arch/1","input":[1,28],"layers":[{"type":"relu"}]}""", "arch.input: must be [C, H, W] or [F] with positive integers (got [1, 28])")]
    [InlineData("""{"format":"localspec.arch/1","input":"1x28x28","layers":[{"type":"relu"}]}""", "arch.input: must be an array of positive integers (got string)")]
    [InlineData("""{"format":"localspec.arch/1","input":[1],"layers":[]}""", "arch.layers: must contain at least one layer")]
    [InlineData("""{"format":"localspec.arch/1","input":[1],"layers":[{"type":"relu"}],"name":"x"}""", "arch.name: unknown field (allowed: format, input, layers)")]
    [InlineData("""[1, 2]""", "arch: must be a JSON object (got array)")]
    public void Bad_top_level_fields_give_one_line_errors(string json, string message)
    {
        Assert.Equal(message, Assert.Throws<ArchitectureException>(() => ArchitectureSpec.Parse(json)).Message);
    }

    [Fact]
    public void Malformed_json_is_an_architecture_error()
    {
        var e = Assert.Throws<ArchitectureException>(() => ArchitectureSpec.Parse("""{"format": """));
        Assert.StartsWith("arch: not valid JSON (", e.Message);
    }

    [Fact]
    public void Programmatic_specs_are_validated_with_the_same_messages()
    {
        var spec = new ArchitectureSpec([1, 5, 5], [new Conv2dSpec(2, 2, Padding.Same)]);
        Assert.Equal("arch.layers[0].kernel: must be an odd positive integer (got 2)", Assert.Throws<ArchitectureException>(spec.Validate).Message);
        Assert.Throws<ArchitectureException>(() => Network.Create(spec, new LocalSpec.Numerics.Rng(0)));
    }

    [Fact]
    public void Specs_are_equal_when_their_canonical_json_is()
    {
        var a = ArchitectureSpec.Parse(ContractExample);
        var b = new ArchitectureSpec([1, 28, 28], [new FlattenSpec(), new DenseSpec(256), new ReluSpec()]);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, new ArchitectureSpec([1, 28, 28], [new FlattenSpec(), new DenseSpec(128), new ReluSpec()]));
    }
}
