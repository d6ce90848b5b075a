namespace LocalSpec.Measures;

/// <summary>The setting and the intact network behind the lesion proxies of a measurements file.</summary>
/// <param name="Accuracy">The accuracy behind lesion.acc_drop.</param>
/// <param name="TestExamples">Test examples every lesion was scored on.</param>
/// <param name="IntactAccuracy">The intact network's overall accuracy on them.</param>
/// <param name="IntactBalancedAccuracy">The intact network's mean class-wise accuracy on them.</param>
public sealed record LesionBaseline(LesionAccuracy Accuracy, int TestExamples, double IntactAccuracy, double IntactBalancedAccuracy);
