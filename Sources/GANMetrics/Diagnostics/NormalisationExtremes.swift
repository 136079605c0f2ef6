import GANCore

/// How much MS3D's min–max normalisation (Wang et al., ICML 2024, eq. 7) hinges on the two
/// extreme values of each sample's gradient field — the suspected reason λ = 100 keeps a
/// DCGAN-32 discriminator at chance (issue 12; docs/ms3d-calibration.md): MS3D of
/// `N = (M − min M)/(max M − min M + ε)` is unchanged by any affine change of M, so D can lower
/// it by moving one value far out of the bulk rather than by reshaping the field.
///
/// With M the field as the paper's zero-padded S×S matrix (`GradientSelfDissimilarity.square`),
/// per sample:
///
/// - `rangeOverStd = (max N − min N) / std N`, std over the S² values (population, 1/S²). Since
///   max N − min N = 1 (up to ε) this is 1/std N: about 3.5 for a uniformly spread field, about
///   S when all but one value sit together and √2·S when one outlier sits at each end, so it
///   grows as the normalisation is dominated by outliers. 0 for a constant field.
/// - `extremeShare = Σ_{j: M_j = max M or M_j = min M} |∂MS3D/∂M_j| / Σ_j |∂MS3D/∂M_j|`: the
///   share of the penalty's gradient mass, as it enters the normalisation, that lands on the
///   arg-max and arg-min (tied extremes count together). Because MS3D is invariant to
///   M → aM + b, that gradient is orthogonal to both 1 and M, so the two extremes carry the
///   compensating terms −Σ_i g_i(1 − N_i)/r and −Σ_i g_i N_i/r (g = ∂MS3D/∂N, r = max − min);
///   a share near 1 means nearly all of the penalty's pull on D goes through two pixels.
///   0 when the gradient is zero.
///
/// Both are averaged over the batch. Worked example (a test pins it): one 2×2 field
/// [0, 1, 2, 3] with Kadanoff block-spin gives N = [0, ⅓, ⅔, 1], std N = √5/6, so
/// rangeOverStd = 6/√5 ≈ 2.683; g = (N − ½)/2, ∂MS3D/∂M = [1, −3, 3, −1]/108, extremeShare = ¼.
public struct NormalisationExtremes: Codable, Equatable, Sendable {
    public var rangeOverStd: Double
    public var extremeShare: Double

    public init(rangeOverStd: Double, extremeShare: Double) {
        self.rangeOverStd = rangeOverStd
        self.extremeShare = extremeShare
    }

    /// The two values of a gradient field [N, C, H, W], measured as `measure` computes MS3D.
    public static func of(_ g: Tensor, measure: GradientSelfDissimilarity = GradientSelfDissimilarity()) throws -> NormalisationExtremes {
        let m = measure.square(g).requiringGradient()
        let normalised = measure.normalised(m)
        let terms = measure.terms(normalised)
        guard let first = terms.first else { return NormalisationExtremes(rangeOverStd: 0, extremeShare: 0) }
        let total = terms.dropFirst().reduce(first, +)
        let gradient = try total.gradients(wrt: [m])[0].scalars
        let values = m.scalars, unit = normalised.scalars
        let n = m.shape[0], size = values.count / n
        var ratio = 0.0, share = 0.0
        for i in 0..<n {
            let range = (i * size)..<((i + 1) * size)
            let v = values[range], u = unit[range].map(Double.init), gr = gradient[range].map { abs(Double($0)) }
            let mean = u.reduce(0, +) / Double(size)
            let std = (u.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(size)).squareRoot()
            if std > 0 { ratio += (u.max()! - u.min()!) / std }
            let high = v.max()!, low = v.min()!
            let mass = gr.reduce(0, +)
            let extreme = zip(v, gr).reduce(0.0) { $0 + ($1.0 == high || $1.0 == low ? $1.1 : 0) }
            if mass > 0 { share += extreme / mass }
        }
        return NormalisationExtremes(rangeOverStd: ratio / Double(n), extremeShare: share / Double(n))
    }
}
