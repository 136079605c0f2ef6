import GANKit

/// A generator, a discriminator and the two fixed latents of DigGAN's two-point experiment
/// (Fang et al., NeurIPS 2022, section 3.3; widths, depths and activations in `TwoPointSetup`):
/// one state (G, D) of the paper's experiments, such as (G₀, D₀) or (G₁, D₁).
public final class TwoPointGAN {
    public let generator: MLPGenerator
    public let discriminator: MLPDiscriminator
    /// [2, 1], one latent per generated point.
    public let latents: Tensor

    /// The random start drawn with `seed`: G's weights, D's weights, then the latents from
    /// U[−`latentBound`, `latentBound`], all from one `RandomSource(seed:)`.
    public init(seed: UInt64, latentBound: Float) {
        var random = RandomSource(seed: seed)
        generator = Self.makeGenerator(&random)
        discriminator = Self.makeDiscriminator(&random)
        latents = Tensor.uniform([2, 1], low: -latentBound, high: latentBound, using: &random)
    }

    private init(generator: MLPGenerator, discriminator: MLPDiscriminator, latents: Tensor) {
        (self.generator, self.discriminator, self.latents) = (generator, discriminator, latents)
    }

    static func makeGenerator(_ random: inout RandomSource) -> MLPGenerator {
        MLPGenerator(latentDimension: 1, outputDimension: 1, hidden: 5, depth: 4, activation: .tanh, using: &random)
    }

    static func makeDiscriminator(_ random: inout RandomSource) -> MLPDiscriminator {
        MLPDiscriminator(inputDimension: 1, hidden: 10, depth: 4, activation: .sigmoid, using: &random)
    }

    /// An independent copy: the same weights and latents, parameters of its own.
    public func copy() -> TwoPointGAN {
        var unused = RandomSource(seed: 0)
        let g = Self.makeGenerator(&unused), d = Self.makeDiscriminator(&unused)
        for (copy, original) in zip(g.parameters(), generator.parameters()) { copy.assign(original.value) }
        for (copy, original) in zip(d.parameters(), discriminator.parameters()) { copy.assign(original.value) }
        return TwoPointGAN(generator: g, discriminator: d, latents: latents)
    }

    /// Adds N(0, `variance`) noise to every parameter of D (experiment 2: "adding noise with
    /// variance 0.1, 1, 5 and 10 on the vanilla discriminator parameters").
    public func perturbDiscriminator(variance: Float, using random: inout RandomSource) {
        for p in discriminator.parameters() {
            p.assign(p.value.detached() + Tensor.normal(p.shape, std: variance.squareRoot(), using: &random))
        }
    }

    /// The generated points G(z₁), G(z₂).
    public var points: [Float] { Autodiff.withoutRecording { generator(latents) }.scalars }

    /// D's logit at each of `xs`.
    public func logits(at xs: [Float]) -> [Float] {
        Autodiff.withoutRecording { discriminator(Self.batch(xs)) }.scalars
    }

    /// ∂D/∂x at each of `xs` (D's logit; the points do not interact, so one gradient of the sum).
    public func slopes(at xs: [Float]) throws -> [Float] {
        let probe = Self.batch(xs).requiringGradient()
        return try discriminator(probe).sum().gradients(wrt: [probe])[0].scalars
    }

    /// ‖∂D/∂x_R‖₂ and ‖∂D/∂x_F‖₂ with x_R the real points and x_F the generated points, each
    /// norm over the whole set: the two terms of the paper's eq. 2.
    public func gradientNorms(real: [Float]) throws -> (real: Float, fake: Float) {
        func norm(_ v: [Float]) -> Float { v.map { $0 * $0 }.reduce(0, +).squareRoot() }
        return (norm(try slopes(at: real)), norm(try slopes(at: points)))
    }

    /// Where D's logit is drawn in the figures: −2 to 6 in steps of 0.1.
    public static let curveGrid: [Float] = (0...80).map { -2 + Float($0) / 10 }

    /// Points as D's input, [N, 1, 1, 1].
    static func batch(_ xs: [Float]) -> Tensor { Tensor(shape: [xs.count, 1, 1, 1], values: xs) }
}
