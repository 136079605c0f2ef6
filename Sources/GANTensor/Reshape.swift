/// Views that change only the shape or the order of axes.
extension Tensor {
    /// The same elements with a new shape of equal element count; one extent may be -1.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var target = newShape
        if let hole = target.firstIndex(of: -1) {
            let known = target.enumerated().filter { $0.offset != hole }.reduce(1) { $0 * $1.element }
            precondition(known > 0 && count % known == 0, "reshape: cannot infer -1 in \(newShape) for \(count) elements")
            target[hole] = count / known
        }
        precondition(Shape.elementCount(target) == count, "reshape: shape \(shape) (\(count) elements) cannot become \(newShape)")
        if target == shape { return self }
        let y = Tensor(shape: target, storage: storage)
        return Tensor.record(y, op: "reshape", inputs: [self]) { g, _ in [g.reshaped(self.shape)] }
    }

    /// Flattens all axes after the first: [N, ...] → [N, rest].
    public func flattened() -> Tensor { reshaped([shape.first ?? 1, -1]) }

    /// Reorders the axes: output axis i is input axis `order[i]`.
    public func permuted(_ order: [Int]) -> Tensor {
        precondition(order.sorted() == Array(0..<rank), "permute: \(order) is not a permutation of the \(rank) axes of \(shape)")
        if order == Array(0..<rank) { return self }
        let outShape = order.map { shape[$0] }
        let inStrides = Shape.strides(shape)
        let srcStrides = order.map { inStrides[$0] }
        let y = Tensor.make(outShape) { out in
            withUnsafeBufferPointer { xs in
                StridedCopy.copy(from: xs.baseAddress!, strides: srcStrides, shape: outShape, to: out.baseAddress!)
            }
        }
        var inverse = [Int](repeating: 0, count: rank)
        for (i, o) in order.enumerated() { inverse[o] = i }
        return Tensor.record(y, op: "permute", inputs: [self]) { g, _ in [g.permuted(inverse)] }
    }

    /// Swaps the last two axes.
    public func transposed() -> Tensor {
        precondition(rank >= 2, "transposed: needs rank ≥ 2, got shape \(shape)")
        var order = Array(0..<rank)
        order.swapAt(rank - 1, rank - 2)
        return permuted(order)
    }
}

/// Moves elements between a strided view and contiguous row-major memory.
enum StridedCopy {
    /// Writes the elements of the view (`shape`, `strides` in elements, from `source`) to
    /// `destination` in row-major order.
    static func copy(from source: UnsafePointer<Float>, strides: [Int], shape: [Int], to destination: UnsafeMutablePointer<Float>) {
        let src = UncheckedSendable(source), dst = UncheckedSendable(destination)
        forEachRow(shape: shape, strides: strides) { row, offset, inner, innerStride in
            let s = src.value + offset, d = dst.value + row * inner
            if innerStride == 1 {
                d.update(from: s, count: inner)
            } else {
                for j in 0..<inner { d[j] = s[j * innerStride] }
            }
        }
    }

    /// Writes the contiguous `source` of `shape` into the strided view (`strides` in elements,
    /// from `destination`): the inverse of `copy`.
    static func place(_ source: UnsafePointer<Float>, shape: [Int], into destination: UnsafeMutablePointer<Float>, strides: [Int]) {
        let src = UncheckedSendable(source), dst = UncheckedSendable(destination)
        forEachRow(shape: shape, strides: strides) { row, offset, inner, innerStride in
            let s = src.value + row * inner, d = dst.value + offset
            if innerStride == 1 {
                d.update(from: s, count: inner)
            } else {
                for j in 0..<inner { d[j * innerStride] = s[j] }
            }
        }
    }

    /// Calls `body(row, offset, inner, innerStride)` for every innermost row of `shape`, with the
    /// row's element offset in the strided view, split over the cores.
    private static func forEachRow(shape: [Int], strides: [Int], _ body: (Int, Int, Int, Int) -> Void) {
        let rank = shape.count
        guard rank > 0 else { body(0, 0, 1, 1); return }
        let inner = shape[rank - 1], innerStride = strides[rank - 1]
        let outer = Shape.elementCount(shape) / max(inner, 1)
        parallelChunks(outer, minimumPerChunk: max(1, 16_384 / max(inner, 1))) { rows in
            for row in rows {
                var offset = 0, rest = row
                for axis in stride(from: rank - 2, through: 0, by: -1) {
                    offset += (rest % shape[axis]) * strides[axis]
                    rest /= shape[axis]
                }
                body(row, offset, inner, innerStride)
            }
        }
    }
}
