/// The settings of DigGAN's two-point experiment (Fang et al., "DigGAN: Discriminator gradIent
/// Gap Regularization for GAN Training with Limited Data", NeurIPS 2022, section 3.3).
///
/// From the paper's text: the real points 0 and 4; G "a 4-layer fully connected network with
/// 5 neurons per layer and tanh activation", D the same with 10 neurons and sigmoid (4 Linear
/// layers each, a linear output: D gives a logit); both "updated with momentum coefficient 0.9
/// [25] and learning rate 0.01", where reference [25] is Kingma and Ba's Adam; λ = 1 and α = 1
/// in eq. 3; 10 000 iterations; the non-saturating loss of eq. 1.
///
/// Not in the text, so chosen here and named in every record: the optimiser reading (`adam`:
/// Adam with β = (0.9, 0.999), the cited method with its default β₂; or `sgd`: SGD with
/// momentum 0.9, as the same authors' two-cluster code for "Towards a Better Global Loss
/// Landscape of GANs", the paper's [50], does); the D and G steps per iteration (1 and 1, the
/// plain alternation; that code uses 10 and 10); two generated points from latents drawn once
/// from U[−5, 5] (that code's latents; the paper speaks of "two generated points" that can
/// "overlap"); PyTorch's default initialisation (`MLPGenerator`, `MLPDiscriminator`).
public struct TwoPointSetup: Codable, Equatable, Sendable {
    /// Which optimiser "momentum coefficient 0.9 [25]" is read as.
    public enum Optimizer: String, Codable, Sendable, CaseIterable {
        /// Adam, β = (0.9, 0.999).
        case adam
        /// SGD with momentum 0.9.
        case sgd
    }

    public var realPoints: [Float] = [0, 4]
    public var optimizer: Optimizer = .adam
    public var learningRate = 0.01
    /// β₁ of Adam, or SGD's momentum.
    public var momentum = 0.9
    public var iterations = 10_000
    public var discriminatorSteps = 1
    public var generatorSteps = 1
    /// λ and α of eq. 3.
    public var lambda: Float = 1
    public var alpha: Float = 1
    /// The latents are drawn from U[−latentBound, latentBound].
    public var latentBound: Float = 5
    /// The generated points and the gradient gap are recorded every this many iterations.
    public var recordEvery = 25
    /// D steps at most when training D₂ to optimality (experiment 4).
    public var optimalityStepLimit = 20_000
    /// D₂ counts as optimal once |‖∂D/∂x_R‖ − ‖∂D/∂x_F‖| falls below this (the paper's 1e−5).
    public var optimalityGap: Float = 1e-5

    public init() {}

    /// A short name of the reading, e.g. `adam-1:1`.
    public var reading: String { "\(optimizer.rawValue)-\(discriminatorSteps):\(generatorSteps)" }
}
