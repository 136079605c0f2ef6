import Foundation
import GANNN
import GANTensor

/// Everything one optimisation step of `TrainingPipeline` can change except its random draws
/// and counters, saved before the step so that `NonFinitePolicy.skip` can undo it: the updated
/// network's parameters and optimiser state, both networks' buffers (a forward pass in training
/// mode moves BatchNorm's running statistics and spectral norm's vectors) and the components'
/// states (LeCam's and DigGAN's EMAs, ADA's controller).
///
/// Tensors and moment arrays are copied on write, so taking a savepoint only keeps references;
/// the step's in-place updates then copy the old elements once.
struct StepSavepoint {
    private let parameters: [(Parameter, Tensor)]
    private let optimizer: any Optimizer
    private let optimizerState: [String: ParameterState]
    private let buffers: [(Buffer, Tensor)]
    private let components: [(any StatefulComponent, Data)]

    /// Saves the state of `optimizer`'s parameters, of the buffers of `modules` and of `components`.
    init(optimizer: any Optimizer, modules: [any Module], components: [any StatefulComponent]) throws {
        self.optimizer = optimizer
        parameters = optimizer.parameters.map { ($0.1, $0.1.value.detached()) }
        optimizerState = optimizer.checkpointState
        buffers = modules.flatMap { $0.namedBuffers().map { ($0.1, $0.1.value) } }
        self.components = try components.compactMap { c in try c.encodeState().map { (c, $0) } }
    }

    /// Puts everything saved back.
    func restore() throws {
        for (p, value) in parameters { p.assign(value) }
        try optimizer.restore(checkpointState: optimizerState)
        for (b, value) in buffers { b.assign(value) }
        for (c, data) in components { try c.restoreState(from: data) }
    }
}
