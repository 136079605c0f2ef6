import GANNN
import GANTensor

/// The processes of a data-parallel run, as the training pipeline sees them (PyTorch's
/// `DistributedDataParallel` scheme): every process — a rank — holds the whole model, draws
/// every global batch as a single process would (the same batch indices and latents from the
/// same seeded sources) and trains on its own equal, contiguous share of it; after each phase's
/// backward pass the pipeline replaces every rank's gradients by their mean over the ranks, in
/// one flat buffer, so each rank's optimiser takes the same step. With losses and penalties
/// that are means over the batch of per-sample terms (`AdversarialLoss.isMeanOverSamples`,
/// `Regularizer.isMeanOverSamples`) and networks without batch statistics, that is the step of
/// a single process on the whole batch, up to the order of summation. Batch normalisation
/// stays local to each rank, as in PyTorch's DDP without `SyncBatchNorm`. Augmentations draw
/// the whole batch's parameters and apply their share's (`PerSampleAugmentation`), and the
/// components whose state follows statistics of the batch read the whole batch's through
/// `BatchShare` (ADA's r_t, LeCam's EMAs, DigGAN's averages), so that state too is the same on
/// every rank and equals a single process's.
///
/// GANCore only speaks to this protocol; an implementation over a transport (MPI) lives in its
/// own target.
public protocol DataParallelGroup: AnyObject {
    /// This process's index, 0..<size; rank 0's initial weights are every rank's.
    var rank: Int { get }
    /// The number of processes.
    var size: Int { get }
    /// Replaces `values` on every rank by their element-wise mean over the ranks.
    func average(_ values: inout [Float]) throws
    /// Replaces `values` on every rank by rank 0's.
    func broadcast(_ values: inout [Float]) throws
    /// Every rank's `values` (an equal count on each), concatenated in rank order, on every
    /// rank. A transport with a native all-gather implements it (`MPIGroup`: `MPI_Iallgather`,
    /// exact for any size); the default builds it from `average`.
    func gather(_ values: [Float]) throws -> [Float]
}

extension DataParallelGroup {
    /// This rank's contiguous share of a batch of `count` items (`count` divisible by `size`).
    public func share(of count: Int) -> Range<Int> {
        let local = count / size
        return rank * local..<(rank + 1) * local
    }

    /// Every rank's `values` (an equal count on each), concatenated in rank order, for a group
    /// without a native all-gather: one `average` of a buffer holding this rank's values in its
    /// place and zeros elsewhere, scaled back by the size. The sum with zeros is exact; the
    /// division and multiplication by the size are exact for a power of two and otherwise within
    /// a rounding of each value.
    public func gather(_ values: [Float]) throws -> [Float] {
        var whole = [Float](repeating: 0, count: values.count * size)
        whole.replaceSubrange(rank * values.count..<(rank + 1) * values.count, with: values)
        try average(&whole)
        let scale = Float(size)
        for i in whole.indices { whole[i] *= scale }
        return whole
    }

    /// Replaces every rank's gradients of `leaves` by their mean over the ranks: one flat
    /// buffer in the leaves' order (a leaf without a gradient contributes zeros and gets their
    /// mean). Each gradient is copied twice, into the buffer and out of it into a new tensor.
    func averageGradients(of leaves: [Tensor]) throws {
        var flat = [Float](repeating: 0, count: leaves.reduce(0) { $0 + $1.count })
        flat.withUnsafeMutableBufferPointer { buffer in
            var offset = 0
            for leaf in leaves {
                leaf.grad?.withUnsafeBufferPointer { g in
                    if let source = g.baseAddress { (buffer.baseAddress! + offset).update(from: source, count: g.count) }
                }
                offset += leaf.count
            }
        }
        try average(&flat)
        flat.withUnsafeBufferPointer { buffer in
            var offset = 0
            for leaf in leaves {
                leaf.replaceGradient(Tensor.make(leaf.shape) { g in
                    if let target = g.baseAddress { target.update(from: buffer.baseAddress! + offset, count: g.count) }
                })
                offset += leaf.count
            }
        }
    }

    /// Gives every rank rank 0's values of `parameters`, in one flat buffer.
    func broadcastValues(of parameters: [Parameter]) throws {
        var flat: [Float] = []
        flat.reserveCapacity(parameters.reduce(0) { $0 + $1.count })
        for p in parameters { flat += p.value.scalars }
        try broadcast(&flat)
        var offset = 0
        for p in parameters {
            p.assign(Tensor(shape: p.shape, values: Array(flat[offset..<offset + p.count])))
            offset += p.count
        }
    }
}
