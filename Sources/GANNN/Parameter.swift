import GANTensor

/// A trainable tensor of a module: an autodiff leaf whose values optimisers update in place.
///
/// The leaf keeps its identity for the parameter's whole life: `backward()` accumulates into
/// it, `gradients(wrt:)` can target it, and an update (`update(_:)`, `assign(_:)`) rewrites
/// only its elements. If a graph recorded earlier still holds the old elements, the update
/// copies them first (copy on write), so that graph keeps seeing the values it was built with.
public final class Parameter {
    /// The name under which the owning module declares it ("weight", "bias"); modules prefix
    /// it with their path to make the dotted names of `Module.namedParameters()`.
    public let name: String
    /// The current values, a leaf that requires a gradient.
    public private(set) var value: Tensor
    /// Whether optimisers update this parameter; false freezes it (Freeze-D). A frozen
    /// parameter still takes part in differentiation, so gradients flow through it.
    public var isTrainable: Bool = true

    /// A parameter named `name` holding a copy of `initialValue`'s elements.
    public init(_ name: String, _ initialValue: Tensor) {
        self.name = name
        self.value = initialValue.detached().requiringGradient()
    }

    /// The extent of each axis.
    public var shape: [Int] { value.shape }
    /// Number of elements.
    public var count: Int { value.count }

    /// Gradient accumulated by `backward()` since the last `zeroGradient()`, if any.
    public var grad: Tensor? { value.grad }

    /// Clears the accumulated gradient.
    public func zeroGradient() { value.zeroGradient() }

    /// Rewrites the elements in place (optimiser steps), keeping the autodiff leaf.
    public func update<R>(_ body: (UnsafeMutableBufferPointer<Float>) throws -> R) rethrows -> R {
        try value.withUnsafeMutableBufferPointer(body)
    }

    /// Replaces the elements with those of `newValue` (checkpoint loading, re-initialisation),
    /// keeping the autodiff leaf; the shapes must match.
    public func assign(_ newValue: Tensor) {
        precondition(newValue.shape == shape,
                     "Parameter '\(name)': cannot assign a tensor of shape \(newValue.shape) to shape \(shape)")
        newValue.withUnsafeBufferPointer { source in
            update { $0.baseAddress!.update(from: source.baseAddress!, count: source.count) }
        }
    }
}
