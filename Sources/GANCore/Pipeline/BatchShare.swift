import GANTensor

/// A step's batch as a data-parallel run (`DataParallelGroup`) spreads it: every process draws
/// the whole batch of `batch` rows and trains on rows `range`. In a single process `range` is
/// the whole batch.
///
/// For the components whose state follows statistics of the batch (ADA's r_t, LeCam's EMAs of
/// D's mean outputs, DigGAN's per-sample averages), `mean` and `gather` give every process the
/// whole batch's statistics, so the state each process updates from them is the same on every
/// process and equals a single process's (up to the order of summation). In a single process
/// both are the identity and exchange nothing. They are collectives: every process must make
/// the same calls, in the same order, in a step.
public struct BatchShare {
    /// Rows in the whole batch.
    public let batch: Int
    /// This process's rows of it.
    public let range: Range<Int>
    /// The processes, nil in a single process (or a group of one).
    let group: (any DataParallelGroup)?

    /// The share of `group`'s rank in a batch of `batch` rows (`batch` divisible by the group's
    /// size); the whole batch without a group.
    public init(batch: Int, group: (any DataParallelGroup)? = nil) {
        let group = (group?.size ?? 1) > 1 ? group : nil
        self.batch = batch
        self.group = group
        range = group?.share(of: batch) ?? 0..<batch
    }

    /// Whether this process holds the whole batch (a single process).
    public var isWholeBatch: Bool { group == nil }

    /// The rows of the whole batch of which a tensor of `rows` rows is this process's part:
    /// `rows` itself in a single process (a component drawing per row draws for the tensor it
    /// is given, whatever its size), `batch` in a data-parallel run, where `rows` must be the
    /// share's.
    public func wholeBatch(ofRows rows: Int) -> Int {
        guard !isWholeBatch else { return rows }
        precondition(rows == range.count, "BatchShare: \(rows) rows are not this process's share of \(range.count) of a batch of \(batch)")
        return batch
    }

    /// This process's rows of `x`, whose first axis is the whole batch.
    public func rows(_ x: Tensor) -> Tensor {
        isWholeBatch ? x : x.slice(axis: 0, range: range)
    }

    /// This process's entries of `items`, one per row of the whole batch.
    public func rows<T>(_ items: [T]) -> [T] {
        isWholeBatch ? items : Array(items[range])
    }

    /// The mean over the processes of each of `values` (in Float: `DataParallelGroup.average`).
    /// A mean over this process's rows becomes the mean over the whole batch, as the shares are
    /// equal.
    public func mean(_ values: [Double]) throws -> [Double] {
        guard let group else { return values }
        var floats = values.map { Float($0) }
        try group.average(&floats)
        return floats.map { Double($0) }
    }

    /// Every process's `values` (one per row of its share, or any equal count per process),
    /// concatenated in rank order: for per-row values, those of the whole batch.
    public func gather(_ values: [Float]) throws -> [Float] {
        guard let group else { return values }
        return try group.gather(values)
    }
}
