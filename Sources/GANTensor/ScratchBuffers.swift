/// Temporary Float32 buffers for kernels that need working memory (the per-core column
/// matrices of convolution).
///
/// Buffers are allocated afresh, not pooled: the per-core tiles are at most a few MB, which
/// glibc serves from its heap after the first op, and page faults measured under 1 % of
/// convolution time on the DCGAN benchmark shapes.
enum ScratchBuffers {
    /// Calls `body` with `count` uninitialised floats that live until `body` returns.
    static func with<R>(_ count: Int, _ body: (UnsafeMutablePointer<Float>) -> R) -> R {
        let storage = TensorStorage(uninitializedCount: count)
        return withExtendedLifetime(storage) { body(storage.base) }
    }
}
