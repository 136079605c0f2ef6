/// DigGAN's discriminator gradient gap (Fang et al., NeurIPS 2022, section 3.2, eq. 2): the
/// squared difference of the input-gradient norms on a real and a generated image,
///
///     R = mean_i ( ‖∂D/∂x_R,i‖₂ − ‖∂D/∂x_F,i‖₂ )²,
///
/// real sample i paired with fake sample i, as in the authors' code (`train_fns.py`) — but on
/// the current norms, without the EMA their regularizer applies. The paper finds R grows when a
/// GAN trains on little data (its Figs. 1 and 6).
public struct GradientGap: Equatable, Sendable {
    /// Mean ‖∇ₓD‖ over the reals.
    public let realNorm: Double
    /// Mean ‖∇ₓD‖ over the fakes.
    public let fakeNorm: Double
    /// R.
    public let gap: Double

    /// The gap of paired per-sample norms (equal counts).
    public init(realNorms: [Double], fakeNorms: [Double]) {
        precondition(!realNorms.isEmpty && realNorms.count == fakeNorms.count,
                     "GradientGap: needs as many real as fake norms, at least one, got \(realNorms.count) and \(fakeNorms.count)")
        let n = Double(realNorms.count)
        realNorm = realNorms.reduce(0, +) / n
        fakeNorm = fakeNorms.reduce(0, +) / n
        gap = zip(realNorms, fakeNorms).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / n
    }
}
