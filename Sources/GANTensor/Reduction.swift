/// Sums, means, maxima and minima over axes, and the broadcast/reduce pair
/// `expand(to:)` / `sum(toShape:)` that broadcasting pullbacks use.
extension Tensor {
    /// Sum over `axes` (all axes when nil); reduced axes are kept with extent 1 if `keepDims`.
    public func sum(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        let reduced = normalisedAxes(axes, op: "sum")
        let kept = keptShape(reduced)
        let y = ReductionKernels.reduce(self, axes: reduced, initial: 0, ElementFunctions.Add())
        let result = Tensor(shape: keepDims ? kept : droppedShape(reduced), storage: y.storage)
        return Tensor.record(result, op: "sum", inputs: [self]) { g, _ in
            [g.reshaped(kept).expand(to: self.shape)]
        }
    }

    /// Mean over `axes` (all axes when nil).
    public func mean(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        let reduced = normalisedAxes(axes, op: "mean")
        let n = reduced.reduce(1) { $0 * shape[$1] }
        return sum(axes: reduced, keepDims: keepDims) * (1 / Float(Swift.max(n, 1)))
    }

    /// Maximum over `axes`; the gradient is shared equally among tied maxima (as PyTorch's amax).
    public func max(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        extremum(axes: axes, keepDims: keepDims, op: "max", initial: -.infinity) { Swift.max($0, $1) }
    }

    /// Minimum over `axes`; the gradient is shared equally among tied minima (as PyTorch's amin).
    public func min(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        extremum(axes: axes, keepDims: keepDims, op: "min", initial: .infinity) { Swift.min($0, $1) }
    }

    private func extremum(axes: [Int]?, keepDims: Bool, op: String, initial: Float,
                          _ combine: @escaping (Float, Float) -> Float) -> Tensor {
        let reduced = normalisedAxes(axes, op: op)
        precondition(reduced.allSatisfy { shape[$0] > 0 }, "\(op): cannot reduce an empty axis of shape \(shape)")
        let kept = keptShape(reduced)
        let y = ReductionKernels.reduce(self, axes: reduced, initial: initial, BinaryClosure(f: combine))
        let result = Tensor(shape: keepDims ? kept : droppedShape(reduced), storage: y.storage)
        return Tensor.record(result, op: op, inputs: [self]) { g, _ in
            // Constant mask of the elements equal to the extremum, normalised by the tie count.
            let extreme = Tensor(shape: kept, storage: y.storage).expand(to: self.shape)
            let mask = ElementwiseKernels.zip(self.detached(), extreme) { $0 == $1 ? 1 : 0 }
            let ties = ReductionKernels.reduce(mask, axes: reduced, initial: 0, ElementFunctions.Add())
            let share = ElementwiseKernels.zip(mask, Tensor(shape: kept, storage: ties.storage).expand(to: self.shape)) { $0 / $1 }
            return [g.reshaped(kept).expand(to: self.shape) * share]
        }
    }

    /// Broadcasts this tensor to `shape` (materialised); the pullback sums back.
    public func expand(to target: [Int]) -> Tensor {
        if target == shape { return self }
        let broadcast = Shape.broadcast(shape, target, op: "expand")
        precondition(broadcast == target, "expand: shape \(shape) cannot be expanded to \(target)")
        let padded = [Int](repeating: 1, count: target.count - rank) + shape
        let contiguous = Shape.strides(padded)
        let strides = target.indices.map { padded[$0] == 1 ? 0 : contiguous[$0] }
        let y = Tensor.make(target) { out in
            withUnsafeBufferPointer { StridedCopy.copy(from: $0.baseAddress!, strides: strides, shape: target, to: out.baseAddress!) }
        }
        return Tensor.record(y, op: "expand", inputs: [self]) { g, _ in [g.sum(toShape: self.shape)] }
    }

    /// Sums this tensor down to `target`, the inverse of broadcasting `target` to `shape`.
    public func sum(toShape target: [Int]) -> Tensor {
        if target == shape { return self }
        let lead = rank - target.count
        precondition(lead >= 0, "sum(toShape:): cannot reduce \(shape) to higher rank \(target)")
        var axes = Array(0..<lead)
        for (i, d) in target.enumerated() where d == 1 && shape[lead + i] != 1 { axes.append(lead + i) }
        for (i, d) in target.enumerated() {
            precondition(d == 1 || d == shape[lead + i], "sum(toShape:): \(shape) does not broadcast from \(target)")
        }
        return sum(axes: axes, keepDims: true).reshaped(target)
    }

    private func normalisedAxes(_ axes: [Int]?, op: String) -> [Int] {
        guard let axes else { return Array(0..<rank) }
        let normalised = axes.map { Shape.axis($0, rank: rank, op: op) }
        precondition(Set(normalised).count == normalised.count, "\(op): repeated axis in \(axes)")
        return normalised.sorted()
    }

    private func keptShape(_ reduced: [Int]) -> [Int] {
        shape.enumerated().map { reduced.contains($0.offset) ? 1 : $0.element }
    }

    private func droppedShape(_ reduced: [Int]) -> [Int] {
        shape.enumerated().filter { !reduced.contains($0.offset) }.map(\.element)
    }
}

/// Reduction loops: one axis at a time over the [outer, n, inner] view of a contiguous tensor.
enum ReductionKernels {
    /// Reduces `x` over `axes` (sorted), returning a tensor of the kept shape (extent 1 on
    /// reduced axes).
    @inline(__always)
    static func reduce<F: BinaryElementFunction>(_ x: Tensor, axes: [Int], initial: Float, _ combine: F) -> Tensor {
        var current = x
        var shape = x.shape
        if axes.isEmpty { return x.detached() }
        // Merge runs of adjacent reduced axes so each pass reduces one contiguous block.
        var groups: [(start: Int, end: Int)] = []
        for a in axes {
            if let last = groups.last, last.end == a { groups[groups.count - 1].end = a + 1 } else { groups.append((a, a + 1)) }
        }
        for group in groups.reversed() {
            let outer = shape[..<group.start].reduce(1, *)
            let n = shape[group.start..<group.end].reduce(1, *)
            let inner = shape[group.end...].reduce(1, *)
            for a in group.start..<group.end { shape[a] = 1 }
            current = reduceAxis(current, outer: outer, n: n, inner: inner, newShape: shape, initial: initial, combine)
        }
        return current
    }

    @inline(__always)
    private static func reduceAxis<F: BinaryElementFunction>(_ x: Tensor, outer: Int, n: Int, inner: Int, newShape: [Int],
                                                             initial: Float, _ combine: F) -> Tensor {
        Tensor.make(newShape) { out in
            x.withUnsafeBufferPointer { xs in
                let xp = UncheckedSendable(xs.baseAddress!), op = UncheckedSendable(out.baseAddress!)
                parallelChunks(outer, minimumPerChunk: max(1, 32_768 / max(1, n * inner))) { rows in
                    for o in rows {
                        let dst = op.value + o * inner
                        for j in 0..<inner { dst[j] = initial }
                        let src = xp.value + o * n * inner
                        if inner == 1 {
                            // Eight independent accumulators so the loop is not one serial
                            // dependency chain (and vectorises).
                            var lanes = (initial, initial, initial, initial, initial, initial, initial, initial)
                            var k = 0
                            while k + 8 <= n {
                                lanes.0 = combine(lanes.0, src[k]); lanes.1 = combine(lanes.1, src[k + 1])
                                lanes.2 = combine(lanes.2, src[k + 2]); lanes.3 = combine(lanes.3, src[k + 3])
                                lanes.4 = combine(lanes.4, src[k + 4]); lanes.5 = combine(lanes.5, src[k + 5])
                                lanes.6 = combine(lanes.6, src[k + 6]); lanes.7 = combine(lanes.7, src[k + 7])
                                k += 8
                            }
                            var acc = combine(combine(combine(lanes.0, lanes.1), combine(lanes.2, lanes.3)),
                                              combine(combine(lanes.4, lanes.5), combine(lanes.6, lanes.7)))
                            while k < n { acc = combine(acc, src[k]); k += 1 }
                            dst[0] = acc
                        } else {
                            for k in 0..<n {
                                let row = src + k * inner
                                for j in 0..<inner { dst[j] = combine(dst[j], row[j]) }
                            }
                        }
                    }
                }
            }
        }
    }
}
