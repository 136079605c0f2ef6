import Dispatch

/// Finds the first element that is NaN or ±∞ in one pass over a buffer.
///
/// The training pipeline's non-finite guard (`docs/reliability.md`) runs this over every
/// gradient, parameter and optimiser moment after each step, so it has to cost about one read
/// of the buffer: 16 lanes at a time, `x · 0` (0 for a finite x, NaN for NaN or ±∞) summed into
/// an accumulator that is looked at once per block of 4096 elements; only a block whose
/// accumulator is NaN is scanned again element by element to find the index. Large buffers are
/// split over the cores.
public enum NonFiniteScan {
    /// Elements per block between looks at the accumulator.
    private static let block = 4096

    /// The index of the first element of `buffer` that is not finite, or nil when all are.
    public static func firstIndex(in buffer: UnsafeBufferPointer<Float>) -> Int? {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return nil }
        let count = buffer.count
        let chunks = min(Parallelism.cores, max(1, count / 262_144))
        if chunks == 1 { return firstIndex(base, 0..<count) }
        // Each chunk records its first hit; the lowest chunk with a hit has the first index.
        var found = [Int](repeating: -1, count: chunks)
        found.withUnsafeMutableBufferPointer { found in
            let address = UInt(bitPattern: base), results = UInt(bitPattern: found.baseAddress)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                guard let base = UnsafePointer<Float>(bitPattern: address),
                      let results = UnsafeMutablePointer<Int>(bitPattern: results) else { return }
                let range = count * chunk / chunks..<count * (chunk + 1) / chunks
                results[chunk] = firstIndex(base, range) ?? -1
            }
        }
        return found.first { $0 >= 0 }
    }

    /// The index of the first element of `tensor` that is not finite, or nil when all are.
    public static func firstIndex(in tensor: Tensor) -> Int? {
        tensor.withUnsafeBufferPointer { firstIndex(in: $0) }
    }

    /// The index of the first element of `values` that is not finite, or nil when all are.
    public static func firstIndex(in values: [Float]) -> Int? {
        values.withUnsafeBufferPointer { firstIndex(in: $0) }
    }

    /// The first non-finite index in `range` of `base`, on the calling thread.
    private static func firstIndex(_ base: UnsafePointer<Float>, _ range: Range<Int>) -> Int? {
        typealias Lanes = SIMD16<Float>
        var start = range.lowerBound
        while start < range.upperBound {
            let end = min(range.upperBound, start + block)
            var sum = Lanes(repeating: 0)
            var i = start
            while i + 16 <= end {
                sum += UnsafeRawPointer(base + i).loadUnaligned(as: Lanes.self) * 0
                i += 16
            }
            var tail: Float = 0
            while i < end {
                tail += base[i] * 0
                i += 1
            }
            if !(sum.sum() + tail).isFinite {
                for j in start..<end where !base[j].isFinite { return j }
            }
            start = end
        }
        return nil
    }
}
