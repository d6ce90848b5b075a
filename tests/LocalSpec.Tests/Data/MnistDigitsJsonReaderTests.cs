using LocalSpec.Data;
using Xunit;

namespace LocalSpec.Tests.Data;

public sealed class MnistDigitsJsonReaderTests : IDisposable
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "fixtures", "data", "mnist-digits-two-images.json");
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Three_decimal_values_are_restored_to_their_8_bit_intensities()
    {
        // The fixture's generator (fixtures/data/README.md): pixel i of image m is (7i + 13m) mod 256.
        byte[] expected = Enumerable.Range(0, 2 * 784).Select(k => (byte)((k % 784 * 7 + k / 784 * 13) % 256)).ToArray();

        byte[] intensities = MnistDigitsJsonReader.ReadIntensities(Fixture);

        Assert.Equal(expected, intensities);
    }

    [Theory]
    [InlineData("{ \"data\": [0, 0.5", "malformed JSON")]
    [InlineData("{ \"data\": [0, 1.5] }", "not a number in [0, 1]")]
    [InlineData("{ \"data\": [0, -0.001] }", "not a number in [0, 1]")]
    [InlineData("{ \"data\": [0, \"1\"] }", "not a number in [0, 1]")]
    [InlineData("{ \"data\": [0, 1] }", "not a multiple of 784")]
    [InlineData("{ \"pixels\": [] }", "no \"data\" array")]
    [InlineData("{ \"data\": 3 }", "to be an array")]
    [InlineData("[1, 2]", "an object")]
    [InlineData("{ \"data\": [] } x", "")]
    [InlineData("", "")]
    [InlineData("{ \"data\": [0,, 1] }", "malformed JSON")]
    public void Hostile_json_is_a_DataException_naming_the_file(string json, string fragment)
    {
        string path = DataTestFiles.Write(_temp.Path, "d.json", System.Text.Encoding.UTF8.GetBytes(json));

        var e = Assert.Throws<DataException>(() => MnistDigitsJsonReader.ReadIntensities(path));

        Assert.Contains(path, e.Message);
        Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public void Other_properties_are_skipped()
    {
        string json = "{ \"meta\": {\"a\": [1, 2]}, \"data\": [" + string.Join(',', Enumerable.Repeat("1", 784)) + "] }";
        string path = DataTestFiles.Write(_temp.Path, "d.json", System.Text.Encoding.UTF8.GetBytes(json));

        Assert.All(MnistDigitsJsonReader.ReadIntensities(path), b => Assert.Equal(255, b));
    }
}
