import GANTensor

/// Draws training batches in shuffled epochs: every image is seen once per epoch, in an order
/// drawn from its own seeded source. Its whole state is Codable, so a resumed run draws the
/// same batches as an uninterrupted one.
public struct BatchSampler: Codable, Equatable, Sendable {
    /// Number of images in the data set.
    public let datasetCount: Int
    private var random: RandomSource
    private var order: [Int]
    private var cursor: Int

    public init(datasetCount: Int, seed: UInt64) {
        precondition(datasetCount > 0, "BatchSampler: the data set is empty")
        self.datasetCount = datasetCount
        self.random = RandomSource(seed: seed)
        self.order = []
        self.cursor = 0
    }

    /// The next `size` indices; an epoch boundary inside a batch starts a new shuffle.
    public mutating func next(_ size: Int) -> [Int] {
        var batch: [Int] = []
        batch.reserveCapacity(size)
        while batch.count < size {
            if cursor == order.count { reshuffle() }
            batch.append(order[cursor])
            cursor += 1
        }
        return batch
    }

    private mutating func reshuffle() {
        order = Array(0..<datasetCount)
        // Fisher–Yates with the sampler's own source.
        for i in stride(from: order.count - 1, to: 0, by: -1) {
            order.swapAt(i, random.integer(in: 0...i))
        }
        cursor = 0
    }
}
