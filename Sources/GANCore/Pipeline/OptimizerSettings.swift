import Foundation
import GANNN

/// Which optimiser updates one network, and its hyper-parameters: Adam (Kingma & Ba 2015) or
/// SGD with momentum, both GANNN `Optimizer`s. The pipeline holds the optimiser through that
/// protocol, so neither its step nor its checkpoint names a kind.
public struct OptimizerSettings: Codable, Equatable, Sendable {
    /// The optimisers a pipeline can use.
    public enum Kind: String, Codable, CaseIterable, Sendable {
        /// `GANNN.Adam`.
        case adam
        /// `GANNN.SGD`.
        case sgd
    }

    public var kind: Kind
    public var learningRate: Double
    /// Adam's β₁ (unused by SGD).
    public var beta1: Double
    /// Adam's β₂ (unused by SGD).
    public var beta2: Double
    /// Adam's ε (unused by SGD).
    public var epsilon: Double
    /// SGD's momentum μ (unused by Adam).
    public var momentum: Double

    /// Adam with these values.
    public init(learningRate: Double, beta1: Double, beta2: Double, epsilon: Double = 1e-8) {
        self.kind = .adam
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.momentum = 0
    }

    /// Adam with the given learning rate and betas; the DCGAN defaults are 2e-4 and (0.5, 0.999)
    /// (Radford et al. 2016).
    public static func adam(learningRate: Double = 2e-4, betas: (Double, Double) = (0.5, 0.999), epsilon: Double = 1e-8) -> OptimizerSettings {
        OptimizerSettings(learningRate: learningRate, beta1: betas.0, beta2: betas.1, epsilon: epsilon)
    }

    /// SGD with momentum μ (PyTorch's `torch.optim.SGD` without dampening or Nesterov; μ = 0,
    /// PyTorch's default, is plain gradient descent).
    public static func sgd(learningRate: Double, momentum: Double = 0) -> OptimizerSettings {
        var settings = OptimizerSettings.adam(learningRate: learningRate)
        settings.kind = .sgd
        settings.momentum = momentum
        return settings
    }

    /// The optimiser for `parameters` (dotted names).
    public func makeOptimizer(for parameters: [(String, Parameter)]) -> any Optimizer {
        switch kind {
        case .adam: Adam(parameters, learningRate: learningRate, betas: (beta1, beta2), epsilon: epsilon)
        case .sgd: SGD(parameters, learningRate: learningRate, momentum: momentum)
        }
    }

    /// StyleGAN2's correction for lazy regularisation (Karras et al. 2020, "Analyzing and
    /// improving the image quality of StyleGAN", appendix B, and its code's `mb_ratio`): with a
    /// penalty every `interval` steps, c = interval / (interval + 1), and Adam runs with lr·c and
    /// β^c. For SGD GANKit applies the same rule to its one decay rate, lr·c and μ^c (the paper
    /// states it for Adam only).
    public func rescaledForLazyRegularization(interval: Int) -> OptimizerSettings {
        let c = Double(interval) / Double(interval + 1)
        var settings = self
        settings.learningRate = learningRate * c
        switch kind {
        case .adam:
            settings.beta1 = pow(beta1, c)
            settings.beta2 = pow(beta2, c)
        case .sgd:
            settings.momentum = pow(momentum, c)
        }
        return settings
    }

    /// Checks the values, naming the one at fault.
    func validate(_ role: String) throws {
        guard learningRate > 0, learningRate.isFinite else {
            throw GANCoreError.invalidConfiguration("\(role) learning rate must be a positive number, got \(learningRate)")
        }
        switch kind {
        case .adam:
            guard (0..<1).contains(beta1), (0..<1).contains(beta2) else {
                throw GANCoreError.invalidConfiguration("\(role) Adam betas must lie in [0, 1), got (\(beta1), \(beta2))")
            }
            guard epsilon > 0 else { throw GANCoreError.invalidConfiguration("\(role) Adam epsilon must be positive, got \(epsilon)") }
        case .sgd:
            guard (0..<1).contains(momentum) else {
                throw GANCoreError.invalidConfiguration("\(role) SGD momentum must lie in [0, 1), got \(momentum)")
            }
        }
    }
}
