import Foundation

/// Hyper-parameters of one network's Adam optimiser (Kingma & Ba 2015).
public struct OptimizerSettings: Codable, Equatable, Sendable {
    public var learningRate: Double
    public var beta1: Double
    public var beta2: Double
    public var epsilon: Double

    public init(learningRate: Double, beta1: Double, beta2: Double, epsilon: Double = 1e-8) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    /// Adam with the given learning rate and betas; the DCGAN defaults are 2e-4 and (0.5, 0.999)
    /// (Radford et al. 2016).
    public static func adam(learningRate: Double = 2e-4, betas: (Double, Double) = (0.5, 0.999), epsilon: Double = 1e-8) -> OptimizerSettings {
        OptimizerSettings(learningRate: learningRate, beta1: betas.0, beta2: betas.1, epsilon: epsilon)
    }

    /// StyleGAN2's correction for lazy regularisation (Karras et al. 2020, appendix B): with a
    /// penalty every `interval` steps, lr·c and β^c with c = interval / (interval + 1).
    public func rescaledForLazyRegularization(interval: Int) -> OptimizerSettings {
        let c = Double(interval) / Double(interval + 1)
        return OptimizerSettings(learningRate: learningRate * c, beta1: pow(beta1, c), beta2: pow(beta2, c), epsilon: epsilon)
    }

    /// Checks the values, naming the one at fault.
    func validate(_ role: String) throws {
        guard learningRate > 0, learningRate.isFinite else {
            throw GANCoreError.invalidConfiguration("\(role) learning rate must be a positive number, got \(learningRate)")
        }
        guard (0..<1).contains(beta1), (0..<1).contains(beta2) else {
            throw GANCoreError.invalidConfiguration("\(role) Adam betas must lie in [0, 1), got (\(beta1), \(beta2))")
        }
        guard epsilon > 0 else { throw GANCoreError.invalidConfiguration("\(role) Adam epsilon must be positive, got \(epsilon)") }
    }
}
