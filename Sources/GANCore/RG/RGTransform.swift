import GANTensor

/// One step of a renormalisation-group flow on a field: coarse-grains [N, C, S, S] to
/// [N, C, S/2, S/2] (block factor b = 2). MS3D (Wang et al., ICML 2024, section 3.3) compares a
/// field with its coarse-grained versions at every scale.
public protocol RGTransform: Sendable {
    /// A short name for logs and configs.
    var name: String { get }
    /// The field coarse-grained by a factor 2 in each spatial direction; differentiable.
    func coarseGrain(_ field: Tensor) -> Tensor
}

extension RGTransform {
    func checkField(_ field: Tensor) {
        precondition(field.rank == 4 && field.shape[2] % 2 == 0 && field.shape[3] % 2 == 0,
                     "\(name): the field must be [N, C, H, W] with even H and W, got \(field.shape)")
    }
}
