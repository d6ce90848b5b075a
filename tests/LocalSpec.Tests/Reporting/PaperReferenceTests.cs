using LocalSpec.Reporting;
using LocalSpec.Tests.TestSupport;

namespace LocalSpec.Tests.Reporting;

public sealed class PaperReferenceTests
{
    private static string RepoCsv => Path.Combine(RepoPaths.Root, "reports", "reference", PaperReference.EmbeddedFileName);

    [Fact]
    public void The_embedded_reference_is_the_csv_in_reports_reference()
    {
        var embedded = PaperReference.Embedded();
        Assert.Equal(PaperReference.Load(RepoCsv).Rows, embedded.Rows);
        Assert.Equal(80, embedded.Rows.Count);
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "reports", "reference", "README.md")));
    }

    [Fact]
    public void Rows_are_found_by_network_partitioning_and_proxy()
    {
        var row = PaperReference.Embedded().Find("MLP, MNIST", "Weight/Network", "lesion.acc_drop");
        Assert.Equal(new PaperReferenceRow("MLP, MNIST", "Weight/Network", "lesion.acc_drop", 2.13, 1e-17, 1.123, 0.058), row);
        Assert.Null(PaperReference.Embedded().Find("VGG-19, ImageNet", "Weight/Network", "lesion.acc_drop"));
    }

    [Theory]
    [InlineData("VGG16, ImageNet")]
    [InlineData("VGG-16, ImageNet")]
    [InlineData("vgg16,  imagenet")]
    public void The_imagenet_vgg_is_found_for_both_families_whichever_spelling_is_given(string network)
    {
        // the paper's tables (and the reference CSV) spell it "VGG16" for lesions and "VGG-16" for feature visualization
        var reference = PaperReference.Embedded();
        Assert.True(reference.HasNetwork(network));
        Assert.Equal("VGG16, ImageNet", reference.Find(network, "Weight/Network", "lesion.acc_drop")?.Network);
        Assert.Equal("VGG-16, ImageNet", reference.Find(network, "Weight/Network", "featvis.score")?.Network);
        Assert.False(reference.HasNetwork("VGG-11, ImageNet"));
    }

    [Fact]
    public void Quoted_fields_may_hold_commas_and_doubled_quotes()
    {
        var reference = PaperReference.Parse(
            "network,partitioning,proxy,fisher_statistic,p_value,effect,effect_se\r\n\"A, \"\"B\"\"\",Act./Layer,x,1,0.5,1,0.1\r\n\r\n", "t.csv");
        Assert.Equal("A, \"B\"", Assert.Single(reference.Rows).Network);
    }

    [Fact]
    public void A_csv_with_the_wrong_header_or_a_bad_number_is_rejected_with_its_name()
    {
        Assert.Contains("t.csv(1)", Assert.Throws<FormatException>(() => PaperReference.Parse("a,b\n", "t.csv")).Message);
        var e = Assert.Throws<FormatException>(() => PaperReference.Parse(
            "network,partitioning,proxy,fisher_statistic,p_value,effect,effect_se\nA,B,C,x,1,1,1\n", "t.csv"));
        Assert.Contains("fisher_statistic: 'x'", e.Message);
    }
}
