using System.Globalization;
using System.Text;
using LocalSpec.Measures;

namespace LocalSpec.Tests.Measures;

public sealed class MeasurementsFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("localspec-measurements-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The issue's format with nothing else: what the stats stage needs.</summary>
    private const string Minimal = """
        {"proxies": {
          "lesion.acc_drop": {"higher_is_more_specialized": true, "subclusters": [
            {"layer": 0, "cluster": 2, "units": [1, 4], "true": 0.03, "random": [0.01, 0.02, 0.5]},
            {"layer": 1, "cluster": 0, "units": [0, 2, 3], "true": 0, "random": [0, 0.25, 1e-3]}]},
          "featvis.entropy": {"higher_is_more_specialized": false, "subclusters": [
            {"layer": 0, "cluster": 2, "units": [1, 4], "true": 1.5, "random": [2, 2.25, 0.125]}]}}}
        """;

    private static MeasurementsDocument Parse(string json, string source = "m.json") => MeasurementsFile.Parse(Encoding.UTF8.GetBytes(json), source);

    [Fact]
    public void A_measured_document_round_trips_byte_for_byte()
    {
        byte[] bytes = MeasurementsFile.ToBytes(MeasurementFixture.Result.Document);
        var read = MeasurementsFile.Parse(bytes, "m.json");
        Assert.Equal(bytes, MeasurementsFile.ToBytes(read));
        Assert.Equal(5UL, read.Seed);
        Assert.Equal(4, read.RandomSubclusters);
        Assert.Equal(8, read.FeatureVis!.Steps);
        Assert.Equal(LesionAccuracy.Overall, read.Lesion!.Accuracy);
        Assert.Equal(["featvis.entropy", "featvis.score", "lesion.acc_drop", "lesion.class_range"], read.Proxies.Keys);
    }

    [Fact]
    public void The_minimal_format_of_the_issue_is_read_and_written_back_with_the_format_name()
    {
        var document = Parse(Minimal);
        Assert.Null(document.Seed);
        Assert.Null(document.Controls);
        var acc = document.Of(MeasureProxy.LesionAccDrop)!;
        Assert.True(acc.HigherIsMoreSpecialized);
        Assert.Equal([0.01, 0.02, 0.5], acc.Subclusters[0].Random);
        Assert.Equal([0, 2, 3], acc.Subclusters[1].Units);
        string written = Encoding.UTF8.GetString(MeasurementsFile.ToBytes(document));
        Assert.StartsWith("{\n  \"format\": \"localspec.measurements/1\",\n  \"proxies\": {\n    \"featvis.entropy\": {", written);
        Assert.Contains("\"random\": [0, 0.25, 0.001]", written);
        Assert.Equal(written, Encoding.UTF8.GetString(MeasurementsFile.ToBytes(Parse(written))));
    }

    [Fact]
    public void Numbers_are_the_same_under_a_comma_decimal_culture()
    {
        byte[] invariant = MeasurementsFile.ToBytes(Parse(Minimal));
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal(invariant, MeasurementsFile.ToBytes(Parse(Minimal)));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Save_writes_atomically_and_leaves_an_unchanged_file_alone()
    {
        string path = Path.Combine(_dir, "measurements.json");
        MeasurementsFile.Save(path, Parse(Minimal));
        var stamp = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, stamp);
        MeasurementsFile.Save(path, Parse(Minimal));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(path));
        Assert.Single(Directory.GetFiles(_dir));
        Assert.Equal(File.ReadAllBytes(path), MeasurementsFile.ToBytes(MeasurementsFile.Load(path)));
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        string path = Path.Combine(_dir, "none.json");
        var e = Assert.Throws<FileNotFoundException>(() => MeasurementsFile.Load(path));
        Assert.Equal(path, e.FileName);
    }

    [Fact]
    public void A_value_json_cannot_hold_is_refused_when_writing()
    {
        var document = Parse(Minimal);
        var proxy = document.Proxies["featvis.entropy"];
        var bad = document with
        {
            Proxies = new Dictionary<string, ProxyMeasurements>
            {
                ["featvis.entropy"] = proxy with { Subclusters = [proxy.Subclusters[0] with { Random = [1, double.NaN] }] },
            },
        };
        var e = Assert.Throws<ArgumentException>(() => MeasurementsFile.ToBytes(bad));
        Assert.Contains("proxies.featvis.entropy.subclusters[0].random[1]", e.Message);
    }

    [Theory]
    [InlineData("{\"proxies\": ", "not valid JSON")]
    [InlineData("[1, 2]", "the top level is not a JSON object")]
    [InlineData("{}", "field 'proxies' is missing")]
    [InlineData("{\"format\": \"localspec.measurements/9\", \"proxies\": {}}", "field 'format' is 'localspec.measurements/9'")]
    [InlineData("{\"proxies\": {\"lesion.acc_drop\": {\"subclusters\": []}}}", "field 'proxies.lesion.acc_drop.higher_is_more_specialized' is missing")]
    [InlineData("{\"proxies\": {\"featvis.entropy\": {\"higher_is_more_specialized\": true, \"subclusters\": []}}}", "field 'proxies.featvis.entropy.higher_is_more_specialized' must be false")]
    [InlineData("{\"proxies\": {\"x\": {\"higher_is_more_specialized\": true, \"subclusters\": [{\"layer\": 0, \"cluster\": 0, \"units\": [1], \"true\": 1, \"random\": []}]}}}", "field 'proxies.x.subclusters[0].random' is empty")]
    [InlineData("{\"proxies\": {\"x\": {\"higher_is_more_specialized\": true, \"subclusters\": [{\"layer\": 0, \"cluster\": 0, \"units\": [1, 1], \"true\": 1, \"random\": [2]}]}}}", "field 'proxies.x.subclusters[0].units' names a unit twice")]
    [InlineData("{\"proxies\": {\"x\": {\"higher_is_more_specialized\": true, \"subclusters\": [{\"layer\": -1, \"cluster\": 0, \"units\": [1], \"true\": 1, \"random\": [2]}]}}}", "field 'proxies.x.subclusters[0].layer' is not an integer ≥ 0")]
    [InlineData("{\"proxies\": {\"x\": {\"higher_is_more_specialized\": true, \"subclusters\": [{\"layer\": 0, \"cluster\": 0, \"units\": [1], \"true\": \"1\", \"random\": [2]}]}}}", "field 'proxies.x.subclusters[0].true' is not a number")]
    [InlineData("{\"random_subclusters\": 2, \"proxies\": {\"x\": {\"higher_is_more_specialized\": true, \"subclusters\": [{\"layer\": 0, \"cluster\": 0, \"units\": [1], \"true\": 1, \"random\": [2]}]}}}", "field 'proxies.x.subclusters[0].random' has 1 values but random_subclusters is 2")]
    [InlineData("{\"proxies\": {\"x\": {\"higher_is_more_specialized\": true, \"subclusters\": [{\"layer\": 0, \"cluster\": 0, \"units\": [1], \"true\": 1, \"random\": [2]}, {\"layer\": 0, \"cluster\": 0, \"units\": [2], \"true\": 1, \"random\": [2]}]}}}", "field 'proxies.x.subclusters' names (layer 0, cluster 0) more than once")]
    [InlineData("{\"proxies\": {\"x\": {\"higher_is_more_specialized\": true, \"subclusters\": [{\"layer\": 0, \"cluster\": 0, \"units\": [1], \"true\": 1, \"random\": [2]}]}}, \"controls\": []}", "field 'proxies.x.subclusters[0]' (layer 0, cluster 0) has no entry in controls")]
    [InlineData("{\"proxies\": {}, \"controls\": [{\"layer\": 0, \"cluster\": 0, \"units\": [1, 2], \"random_units\": [[3]]}]}", "field 'controls[0].random_units[0]' has 1 units but the subcluster has 2")]
    [InlineData("{\"proxies\": {\"x\": {\"higher_is_more_specialized\": true, \"subclusters\": [{\"layer\": 0, \"cluster\": 0, \"units\": [1], \"true\": 1, \"random\": [2]}]}}, \"controls\": [{\"layer\": 0, \"cluster\": 0, \"units\": [1], \"random_units\": [[3], [4]]}]}", "field 'proxies.x.subclusters[0].random' has 1 values but its controls entry has 2 random sets")]
    [InlineData("{\"model_sha256\": \"ABC\", \"proxies\": {}}", "field 'model_sha256' is not a SHA-256")]
    [InlineData("{\"lesion\": {\"accuracy\": \"weighted\", \"test_examples\": 3, \"intact_accuracy\": 1, \"intact_balanced_accuracy\": 1}, \"proxies\": {}}", "field 'lesion.accuracy' is 'weighted', expected one of overall, balanced")]
    [InlineData("{\"featvis\": {\"steps\": 10, \"learning_rate\": 0, \"jitter\": 2, \"init_std\": 0.01}, \"proxies\": {}}", "field 'featvis' Feature visualisation learning rate must be positive")]
    public void Reader_errors_name_the_file_and_the_field(string json, string expected)
    {
        var e = Assert.Throws<MeasurementException>(() => Parse(json, "runs/m.json"));
        Assert.StartsWith("runs/m.json: ", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
