import GANTensor

/// Non-trained state of a module that a checkpoint must carry: BatchNorm's running
/// statistics, spectral normalisation's power-iteration vectors. Always a constant.
public final class Buffer {
    /// The name under which the owning module declares it ("running_mean", "weight_u").
    public let name: String
    /// The current values (a constant; never part of the autodiff graph).
    public private(set) var value: Tensor

    /// A buffer named `name` holding `initialValue` (detached from any graph).
    public init(_ name: String, _ initialValue: Tensor) {
        self.name = name
        self.value = initialValue.detached()
    }

    /// The extent of each axis.
    public var shape: [Int] { value.shape }

    /// Replaces the values; the shape is fixed at creation and must match.
    public func assign(_ newValue: Tensor) {
        precondition(newValue.shape == shape,
                     "Buffer '\(name)': cannot assign a tensor of shape \(newValue.shape) to shape \(shape)")
        value = newValue.detached()
    }
}
