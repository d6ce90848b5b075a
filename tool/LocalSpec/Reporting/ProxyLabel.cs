namespace LocalSpec.Reporting;

/// <summary>
/// Column headings of the four proxies as the paper's Tables 1 and 2 print them, with their family
/// ("Lesion", "Feature Visualization") and the direction that means specialization. A proxy not
/// listed keeps its own name and sorts after the known four.
/// </summary>
public sealed record ProxyLabel(string Name, string Heading, string Family, string Direction, int Order)
{
    private static readonly ProxyLabel[] Known =
    [
        new("lesion.acc_drop", "Acc. Drop", "Lesion", "High→Imp.", 0),
        new("lesion.class_range", "Class Range", "Lesion", "High→Coh.", 1),
        new("featvis.score", "Vis Score", "Feature Visualization", "High→Coh.", 2),
        new("featvis.entropy", "Softmax H", "Feature Visualization", "Low→Coh.", 3),
    ];

    public static ProxyLabel Of(string proxy)
    {
        ArgumentException.ThrowIfNullOrEmpty(proxy);
        foreach (var label in Known)
            if (string.Equals(label.Name, proxy, StringComparison.Ordinal)) return label;
        int dot = proxy.IndexOf('.', StringComparison.Ordinal);
        string family = dot > 0 ? proxy[..dot] : proxy;
        return new ProxyLabel(proxy, proxy, family, "", Known.Length);
    }

    /// <summary>Known proxies in the paper's order, then the others ordinally.</summary>
    public static int Compare(ProxyLabel a, ProxyLabel b) =>
        a.Order != b.Order ? a.Order.CompareTo(b.Order) : string.CompareOrdinal(a.Name, b.Name);
}
