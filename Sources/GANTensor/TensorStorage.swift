#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The contiguous Float32 buffer behind a `Tensor`.
///
/// Large buffers are recycled through `StoragePool`. Storage is 64-byte aligned (one AVX-512 vector, one cache line) so kernels and BLAS get
/// aligned loads. It is shared between tensor values and copied on write: `Tensor` checks
/// `isKnownUniquelyReferenced` before any in-place mutation.
public final class TensorStorage: @unchecked Sendable {
    /// Number of Float32 elements.
    public let count: Int
    /// Base address of the elements; valid for the lifetime of the storage.
    public let base: UnsafeMutablePointer<Float>

    /// Allocates `count` uninitialised elements.
    public init(uninitializedCount count: Int) {
        precondition(count >= 0, "TensorStorage: negative element count \(count)")
        self.count = count
        base = StoragePool.allocate(bytes: max(count, 1) * MemoryLayout<Float>.stride)
            .bindMemory(to: Float.self, capacity: max(count, 1))
    }

    /// Allocates `count` elements set to `value`.
    public convenience init(count: Int, repeating value: Float) {
        self.init(uninitializedCount: count)
        if value == 0 {
            memset(base, 0, count * MemoryLayout<Float>.stride)
        } else {
            base.initialize(repeating: value, count: count)
        }
    }

    /// Allocates a copy of `other`.
    public convenience init(copying other: TensorStorage) {
        self.init(uninitializedCount: other.count)
        memcpy(base, other.base, other.count * MemoryLayout<Float>.stride)
    }

    deinit { StoragePool.release(UnsafeMutableRawPointer(base), bytes: max(count, 1) * MemoryLayout<Float>.stride) }

    /// The elements as a read-only buffer.
    public var buffer: UnsafeBufferPointer<Float> { UnsafeBufferPointer(start: base, count: count) }
    /// The elements as a mutable buffer.
    public var mutableBuffer: UnsafeMutableBufferPointer<Float> { UnsafeMutableBufferPointer(start: base, count: count) }
}
