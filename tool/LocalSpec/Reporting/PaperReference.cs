using System.Globalization;

namespace LocalSpec.Reporting;

/// <summary>One published row of the paper's Tables 7–8 (the same numbers as Tables 1–2; see reports/reference/README.md).</summary>
public sealed record PaperReferenceRow(string Network, string Partitioning, string Proxy,
    double FisherStatistic, double PValue, double Effect, double EffectStandardError);

/// <summary>
/// The paper's published values, keyed by network (the CSV `network` column, which a cell's
/// <see cref="ReportCell.PaperRow"/> names), partitioning ("Weight/Network", …) and proxy. The CSV
/// ships in reports/reference/ and is embedded in the assembly for use outside the repository.
/// Network names match without regard to case, hyphens and spaces: the paper's tables spell the
/// ImageNet network both "VGG16" (lesions) and "VGG-16" (feature visualization), and one name
/// should find both.
/// </summary>
public sealed class PaperReference
{
    public const string EmbeddedFileName = "paper-2110.08058-tables-7-8.csv";

    private static readonly string[] Header = ["network", "partitioning", "proxy", "fisher_statistic", "p_value", "effect", "effect_se"];

    private readonly Dictionary<(string, string, string), PaperReferenceRow> _rows;
    private readonly HashSet<string> _networks;

    private PaperReference(IReadOnlyList<PaperReferenceRow> rows)
    {
        Rows = rows;
        _rows = new Dictionary<(string, string, string), PaperReferenceRow>();
        foreach (var r in rows) _rows[(NetworkKey(r.Network), r.Partitioning, r.Proxy)] = r;
        _networks = rows.Select(r => NetworkKey(r.Network)).ToHashSet(StringComparer.Ordinal);
    }

    public IReadOnlyList<PaperReferenceRow> Rows { get; }

    public static PaperReference Empty { get; } = new([]);

    /// <summary>The copy of reports/reference/paper-2110.08058-tables-7-8.csv compiled into the assembly.</summary>
    public static PaperReference Embedded() => Parse(EmbeddedResources.ReadText("Reference." + EmbeddedFileName), EmbeddedFileName);

    public static PaperReference Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"paper reference CSV not found: {path}", path);
        return Parse(File.ReadAllText(path), path);
    }

    public static PaperReference Parse(string csv, string source)
    {
        var records = CsvText.Parse(csv, source);
        if (records.Count == 0 || !records[0].SequenceEqual(Header, StringComparer.Ordinal))
            throw new FormatException($"{source}(1): expected the header '{string.Join(",", Header)}'");
        var rows = new List<PaperReferenceRow>();
        for (int i = 1; i < records.Count; i++)
        {
            string[] f = records[i];
            if (f.Length != Header.Length)
                throw new FormatException($"{source}: record {i + 1} has {f.Length} fields, expected {Header.Length}");
            rows.Add(new PaperReferenceRow(f[0], f[1], f[2],
                Number(f[3], source, i, "fisher_statistic"), Number(f[4], source, i, "p_value"),
                Number(f[5], source, i, "effect"), Number(f[6], source, i, "effect_se")));
        }
        return new PaperReference(rows);
    }

    public bool HasNetwork(string network) => _networks.Contains(NetworkKey(network));

    public PaperReferenceRow? Find(string network, string partitioning, string proxy) =>
        _rows.GetValueOrDefault((NetworkKey(network), partitioning, proxy));

    // "VGG-16, ImageNet" and "VGG16, imagenet" → "vgg16,imagenet"
    private static string NetworkKey(string network) =>
        string.Concat(network.Where(c => c != '-' && !char.IsWhiteSpace(c))).ToLowerInvariant();

    private static double Number(string text, string source, int record, string column) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && double.IsFinite(x)
            ? x
            : throw new FormatException($"{source}: record {record + 1}, {column}: '{text}' is not a number");
}
