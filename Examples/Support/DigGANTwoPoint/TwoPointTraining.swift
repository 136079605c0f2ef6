import GANKit

/// What one training run of the two-point experiment went through.
public struct TwoPointTrace: Sendable {
    /// The iterations at which the other arrays were recorded (every `recordEvery`, and the end).
    public var iterations: [Int] = []
    /// The two generated points at each recorded iteration.
    public var points: [[Float]] = []
    /// ‖∂D/∂x_R‖₂ and ‖∂D/∂x_F‖₂ (eq. 2's terms) at each recorded iteration.
    public var realNorms: [Float] = []
    public var fakeNorms: [Float] = []

    /// The gradient gap R of eq. 2, (‖∂D/∂x_R‖₂ − ‖∂D/∂x_F‖₂)², at each recorded iteration.
    public var gaps: [Float] { zip(realNorms, fakeNorms).map { ($0 - $1) * ($0 - $1) } }
}

/// Training of the two-point experiment (DigGAN, Fang et al., NeurIPS 2022, section 3.3): the
/// non-saturating loss of eq. 1 on the two real points and the two generated points, the
/// optimiser, steps and λ, α of `TwoPointSetup`, with DigGAN's penalty λ·R (eq. 3) added to
/// D's loss when `digGAN` is set. The loop is written out (TrainingPipeline trains with fresh
/// latents) and calls the DigGAN regularizer through the Regularizer protocol, as the
/// pipeline does; each D step pairs the reals with the fakes in a random order (R pairs real
/// sample i with fake sample i), drawn from `pairing`.
public enum TwoPointTraining {
    /// Trains `gan` in place for `setup.iterations` iterations, with fresh optimiser state.
    public static func train(_ gan: TwoPointGAN, setup: TwoPointSetup, digGAN: Bool,
                             pairing: inout RandomSource) throws -> TwoPointTrace {
        let (g, d, latents) = (gan.generator, gan.discriminator, gan.latents)
        let gOptimizer = optimizer(g, setup), dOptimizer = optimizer(d, setup)
        let gWeights = g.parameters().map(\.value), dWeights = d.parameters().map(\.value)
        let regularizer: (any Regularizer)? = digGAN ? DigGAN(weight: setup.lambda, alpha: setup.alpha) : nil
        let loss = NonSaturatingLoss()
        var trace = TwoPointTrace()

        for iteration in 0...setup.iterations {
            if iteration % setup.recordEvery == 0 || iteration == setup.iterations {
                try record(gan, setup, iteration, into: &trace)
            }
            if iteration == setup.iterations { break }
            let fakes = Autodiff.withoutRecording { g(latents) }
            var realLogits = Tensor(0)
            for step in 0..<setup.discriminatorSteps {
                let reals = TwoPointGAN.batch(pairing.integer(in: 0..<2) == 0 ? setup.realPoints : setup.realPoints.reversed())
                realLogits = d(reals).reshaped([2])
                let fakeLogits = d(fakes).reshaped([2])
                var dLoss = loss.discriminatorLoss(real: realLogits, fake: fakeLogits)
                let phaseStep = iteration * setup.discriminatorSteps + step
                if let regularizer, regularizer.schedule.isDue(phaseStep: phaseStep, iteration: iteration, stepInIteration: step) {
                    var context = RegularizationContext(
                        phase: .discriminator, iteration: iteration, phaseStep: phaseStep,
                        generator: g, discriminator: d, augment: { x, _ in x },
                        realImages: reals, realInputs: reals, realLogits: realLogits,
                        latents: latents, fakeInputs: fakes, fakeLogits: fakeLogits, random: pairing)
                    if let penalty = try regularizer.penalty(&context) { dLoss = dLoss + penalty }
                }
                d.zeroGradients()
                try dLoss.backward(to: dWeights)
                dOptimizer.step()
            }
            for _ in 0..<setup.generatorSteps {
                let gLoss = loss.generatorLoss(real: realLogits.detached(), fake: d(g(latents)).reshaped([2]))
                g.zeroGradients()
                try gLoss.backward(to: gWeights)
                gOptimizer.step()
            }
        }
        return trace
    }

    /// Trains D alone against the fixed G of `gan` with eq. 3's objective L_D + λ·R until
    /// |‖∂D/∂x_R‖₂ − ‖∂D/∂x_F‖₂| < `setup.optimalityGap` (checked every 100 steps) or
    /// `setup.optimalityStepLimit` steps: experiment 4's D₂ ("we fix G₂ and train the
    /// discriminator D to optimality using the objective given in Eq. (3)"). Returns the steps
    /// taken and the final |gap|.
    public static func trainDiscriminatorToOptimality(_ gan: TwoPointGAN, setup: TwoPointSetup,
                                                      pairing: inout RandomSource) throws -> (steps: Int, gap: Float) {
        let (g, d, latents) = (gan.generator, gan.discriminator, gan.latents)
        let dOptimizer = optimizer(d, setup)
        let dWeights = d.parameters().map(\.value)
        let regularizer = DigGAN(weight: setup.lambda, alpha: setup.alpha)
        let loss = NonSaturatingLoss()
        let fakes = Autodiff.withoutRecording { g(latents) }
        func gap() throws -> Float {
            let norms = try gan.gradientNorms(real: setup.realPoints)
            return abs(norms.real - norms.fake)
        }
        var steps = 0
        while steps < setup.optimalityStepLimit {
            if steps % 100 == 0, try gap() < setup.optimalityGap { break }
            let reals = TwoPointGAN.batch(pairing.integer(in: 0..<2) == 0 ? setup.realPoints : setup.realPoints.reversed())
            let realLogits = d(reals).reshaped([2]), fakeLogits = d(fakes).reshaped([2])
            var context = RegularizationContext(
                phase: .discriminator, iteration: steps, phaseStep: steps,
                generator: g, discriminator: d, augment: { x, _ in x }, realImages: reals, realInputs: reals,
                realLogits: realLogits, latents: latents, fakeInputs: fakes, fakeLogits: fakeLogits, random: pairing)
            var dLoss = loss.discriminatorLoss(real: realLogits, fake: fakeLogits)
            if let penalty = try regularizer.penalty(&context) { dLoss = dLoss + penalty }
            d.zeroGradients()
            try dLoss.backward(to: dWeights)
            dOptimizer.step()
            steps += 1
        }
        return (steps, try gap())
    }

    /// The optimiser of `setup` for `module`.
    static func optimizer(_ module: any Module, _ setup: TwoPointSetup) -> any Optimizer {
        switch setup.optimizer {
        case .adam: Adam(module, learningRate: setup.learningRate, betas: (setup.momentum, 0.999))
        case .sgd: SGD(module, learningRate: setup.learningRate, momentum: setup.momentum)
        }
    }

    private static func record(_ gan: TwoPointGAN, _ setup: TwoPointSetup, _ iteration: Int, into trace: inout TwoPointTrace) throws {
        let norms = try gan.gradientNorms(real: setup.realPoints)
        trace.iterations.append(iteration)
        trace.points.append(gan.points)
        trace.realNorms.append(norms.real)
        trace.fakeNorms.append(norms.fake)
    }
}
