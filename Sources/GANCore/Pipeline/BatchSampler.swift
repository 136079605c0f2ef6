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

    private enum CodingKeys: String, CodingKey { case datasetCount, random, order, cursor }

    /// Decodes a sampler from a checkpoint, checking that it can draw: at least one image, an
    /// order that is empty or a permutation of `0..<datasetCount`, and a cursor within it. A
    /// crafted checkpoint then fails here with the key at fault instead of indexing out of range.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        datasetCount = try c.decode(Int.self, forKey: .datasetCount)
        random = try c.decode(RandomSource.self, forKey: .random)
        order = try c.decode([Int].self, forKey: .order)
        cursor = try c.decode(Int.self, forKey: .cursor)
        guard datasetCount >= 1 else {
            throw DecodingError.dataCorruptedError(forKey: .datasetCount, in: c, debugDescription: "must be ≥ 1, got \(datasetCount)")
        }
        guard order.isEmpty || (order.count == datasetCount && Set(order) == Set(0..<datasetCount)) else {
            throw DecodingError.dataCorruptedError(forKey: .order, in: c, debugDescription:
                "must be empty or hold each of 0..<\(datasetCount) once, got \(order.count) entries")
        }
        guard (0...order.count).contains(cursor) else {
            throw DecodingError.dataCorruptedError(forKey: .cursor, in: c, debugDescription: "must lie in 0...\(order.count), got \(cursor)")
        }
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
