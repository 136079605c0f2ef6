/// Temporary Float32 buffers for kernels that need working memory (the per-core column
/// matrices of convolution).
///
/// Buffers are tensor storage, so large ones are recycled through `StoragePool` like tensors.
enum ScratchBuffers {
    /// Calls `body` with `count` uninitialised floats that live until `body` returns.
    static func with<R>(_ count: Int, _ body: (UnsafeMutablePointer<Float>) -> R) -> R {
        let storage = TensorStorage(uninitializedCount: count)
        return withExtendedLifetime(storage) { body(storage.base) }
    }
}
