/// A Float32 N-dimensional array with reverse-mode automatic differentiation.
///
/// Storage is contiguous and row-major (images are NCHW) and is copied on write. A tensor that
/// takes part in differentiation carries a `GradNode`: leaves made with
/// `requiringGradient()` (parameters, inputs of a gradient penalty) and the results of ops
/// applied to them while recording is on. Everything else is a constant.
public struct Tensor {
    /// The extent of each axis, outermost first.
    public let shape: [Int]
    var storage: TensorStorage
    /// The autodiff node producing this tensor, or nil for a constant.
    var node: GradNode?

    init(shape: [Int], storage: TensorStorage, node: GradNode? = nil) {
        self.shape = shape
        self.storage = storage
        self.node = node
    }

    /// A tensor of `shape` whose elements are `values`, row-major.
    public init(shape: [Int], values: [Float]) {
        let count = Shape.elementCount(shape)
        precondition(values.count == count,
                     "Tensor(shape: \(shape), values:): \(values.count) values for \(count) elements")
        let storage = TensorStorage(uninitializedCount: count)
        values.withUnsafeBufferPointer { storage.base.update(from: $0.baseAddress!, count: count) }
        self.init(shape: shape, storage: storage)
    }

    /// A tensor of `shape` filled with `value`.
    public init(shape: [Int], repeating value: Float) {
        self.init(shape: shape, storage: TensorStorage(count: Shape.elementCount(shape), repeating: value))
    }

    /// A rank-0 tensor holding `value`.
    public init(_ value: Float) { self.init(shape: [], repeating: value) }

    /// A rank-1 tensor of `values`.
    public init(_ values: [Float]) { self.init(shape: [values.count], values: values) }

    /// A tensor of zeros.
    public static func zeros(_ shape: [Int]) -> Tensor { Tensor(shape: shape, repeating: 0) }
    /// A tensor of ones.
    public static func ones(_ shape: [Int]) -> Tensor { Tensor(shape: shape, repeating: 1) }

    /// A new tensor of `shape` whose elements are written by `fill` (a kernel's output).

    public static func make(_ shape: [Int], _ fill: (UnsafeMutableBufferPointer<Float>) -> Void) -> Tensor {
        let storage = TensorStorage(uninitializedCount: Shape.elementCount(shape))
        fill(storage.mutableBuffer)
        return Tensor(shape: shape, storage: storage)
    }

    /// Number of axes.
    public var rank: Int { shape.count }
    /// Number of elements.
    public var count: Int { storage.count }
    /// The elements, row-major.
    public var scalars: [Float] { Array(storage.buffer) }
    /// The single element of a one-element tensor.
    public var item: Float {
        precondition(count == 1, "Tensor.item: tensor of shape \(shape) has \(count) elements")
        return storage.base[0]
    }

    /// Calls `body` with the elements, read-only.

    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try withExtendedLifetime(storage) { try body(storage.buffer) }
    }

    /// Calls `body` with the elements for in-place mutation, copying shared storage first.
    /// Mutation is invisible to autodiff: use it on constants and parameter updates only.

    public mutating func withUnsafeMutableBufferPointer<R>(_ body: (UnsafeMutableBufferPointer<Float>) throws -> R) rethrows -> R {
        if !isKnownUniquelyReferenced(&storage) { storage = TensorStorage(copying: storage) }
        return try withExtendedLifetime(storage) { try body(storage.mutableBuffer) }
    }

    /// Element at a multi-index (slow; for tests and inspection).
    public subscript(_ index: Int...) -> Float {
        precondition(index.count == rank, "Tensor subscript: \(index.count) indices for rank \(rank)")
        var flat = 0
        for (axis, i) in index.enumerated() {
            precondition(i >= 0 && i < shape[axis], "Tensor subscript: index \(i) out of range for axis \(axis) of shape \(shape)")
            flat = flat * shape[axis] + i
        }
        return storage.base[flat]
    }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        let shown = scalars.prefix(16).map { String($0) }.joined(separator: ", ")
        return "Tensor(shape: \(shape), [\(shown)\(count > 16 ? ", …" : "")])"
    }
}
