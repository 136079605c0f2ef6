/// Windows, padding, joining and flipping.
///
/// Linear pairs, each op the other's pullback, so all of these differentiate to any order:
/// `slice` ↔ zero `padded` (a window and its zero-embedding), `concat` → `slice` of each part,
/// `flipped` ↔ itself, and reflect `padded` → `scatterAdded` (it is a `gathered` per axis).

/// How `padded(_:mode:)` fills the border.
public enum PaddingMode: Sendable {
    /// Zeros.
    case zero
    /// The mirror image of the interior without repeating the edge (PyTorch `'reflect'`):
    /// [1, 2, 3] padded by 2 on both sides is [3, 2, 1, 2, 3, 2, 1].
    case reflect
}

extension Tensor {
    /// The elements whose index along `axis` lies in `range`; other axes are kept whole.
    public func slice(axis: Int, range: Range<Int>) -> Tensor {
        let a = Shape.axis(axis, rank: rank, op: "slice(axis:range:)")
        var ranges = shape.map { 0..<$0 }
        ranges[a] = range
        return slice(ranges)
    }

    /// The window `ranges` over the last `ranges.count` axes (leading axes kept whole).
    /// Its pullback embeds the gradient into zeros of the original extent.
    public func slice(_ ranges: [Range<Int>]) -> Tensor {
        precondition(ranges.count <= rank, "slice: \(ranges.count) ranges for rank \(rank) (shape \(shape))")
        let lead = rank - ranges.count
        let full = shape[..<lead].map { 0..<$0 } + ranges
        for (axis, r) in full.enumerated() {
            precondition(r.lowerBound >= 0 && r.upperBound <= shape[axis],
                         "slice: range \(r) out of bounds for axis \(axis) of shape \(shape)")
        }
        let outShape = full.map(\.count)
        if outShape == shape { return self }
        let strides = Shape.strides(shape)
        let offset = zip(full, strides).reduce(0) { $0 + $1.0.lowerBound * $1.1 }
        let y = Tensor.make(outShape) { out in
            withUnsafeBufferPointer {
                StridedCopy.copy(from: $0.baseAddress! + offset, strides: strides, shape: outShape, to: out.baseAddress!)
            }
        }
        let amounts = full.enumerated().map { (before: $0.element.lowerBound, after: shape[$0.offset] - $0.element.upperBound) }
        return Tensor.record(y, op: "slice", inputs: [self]) { g, _ in [g.padded(amounts, mode: .zero)] }
    }

    /// Pads the last `amounts.count` axes (leading axes untouched) by `before` elements at the
    /// start and `after` at the end of each. `.reflect` needs each amount below the axis'
    /// extent, as in PyTorch.
    public func padded(_ amounts: [(before: Int, after: Int)], mode: PaddingMode = .zero) -> Tensor {
        precondition(amounts.count <= rank, "padded: \(amounts.count) amounts for rank \(rank) (shape \(shape))")
        let lead = rank - amounts.count
        for (i, p) in amounts.enumerated() {
            precondition(p.before >= 0 && p.after >= 0, "padded: negative amount \(p) for axis \(lead + i) of shape \(shape)")
        }
        switch mode {
        case .zero: return zeroPadded(amounts, lead: lead)
        case .reflect: return reflectPadded(amounts, lead: lead)
        }
    }

    private func zeroPadded(_ amounts: [(before: Int, after: Int)], lead: Int) -> Tensor {
        if amounts.allSatisfy({ $0.before == 0 && $0.after == 0 }) { return self }
        let before = [Int](repeating: 0, count: lead) + amounts.map(\.before)
        let outShape = shape.indices.map { axis in
            axis < lead ? shape[axis] : shape[axis] + amounts[axis - lead].before + amounts[axis - lead].after
        }
        let outStrides = Shape.strides(outShape)
        let offset = zip(before, outStrides).reduce(0) { $0 + $1.0 * $1.1 }
        let y = Tensor.make(outShape) { out in
            out.initialize(repeating: 0)
            withUnsafeBufferPointer {
                StridedCopy.place($0.baseAddress!, shape: shape, into: out.baseAddress! + offset, strides: outStrides)
            }
        }
        let window = shape.indices.map { before[$0]..<(before[$0] + shape[$0]) }
        return Tensor.record(y, op: "zeroPad", inputs: [self]) { g, _ in [g.slice(window)] }
    }

    /// One `gathered` per padded axis with mirrored indices.
    private func reflectPadded(_ amounts: [(before: Int, after: Int)], lead: Int) -> Tensor {
        var y = self
        for (i, p) in amounts.enumerated() where p.before > 0 || p.after > 0 {
            let axis = lead + i, n = shape[axis]
            precondition(p.before < n && p.after < n,
                         "padded(mode: .reflect): amount \(p) must be below the extent \(n) of axis \(axis) of shape \(shape)")
            let indices = (-p.before..<(n + p.after)).map { j in j < 0 ? -j : (j >= n ? 2 * (n - 1) - j : j) }
            y = y.gathered(axis: axis, indices: indices)
        }
        return y
    }

    /// Joins `tensors` along `axis`; all other extents must agree.
    public static func concat(_ tensors: [Tensor], axis: Int) -> Tensor {
        precondition(!tensors.isEmpty, "concat: no tensors")
        let first = tensors[0]
        let a = Shape.axis(axis, rank: first.rank, op: "concat")
        for t in tensors {
            var s = t.shape, f = first.shape
            precondition(s.count == f.count, "concat: shapes \(first.shape) and \(t.shape) differ in rank")
            s[a] = 0
            f[a] = 0
            precondition(s == f, "concat(axis: \(axis)): shapes \(first.shape) and \(t.shape) differ off the axis")
        }
        if tensors.count == 1 { return first }
        let extents = tensors.map { $0.shape[a] }
        var outShape = first.shape
        outShape[a] = extents.reduce(0, +)
        let layout = AxisLayout(outShape, axis: a)
        let y = Tensor.make(outShape) { out in
            var start = 0
            for (t, n) in zip(tensors, extents) {
                t.withUnsafeBufferPointer { src in
                    let block = n * layout.inner, rowStride = layout.extent * layout.inner
                    let s = UncheckedSendable(src.baseAddress!), d = UncheckedSendable(out.baseAddress! + start * layout.inner)
                    parallelChunks(layout.outer, minimumPerChunk: Swift.max(1, 32_768 / Swift.max(block, 1))) { rows in
                        for o in rows { (d.value + o * rowStride).update(from: s.value + o * block, count: block) }
                    }
                }
                start += n
            }
        }
        var bounds: [Range<Int>] = []
        var start = 0
        for n in extents {
            bounds.append(start..<(start + n))
            start += n
        }
        return record(y, op: "concat", inputs: tensors) { g, _ in
            zip(tensors, bounds).map { t, r in t.needsGradient ? g.slice(axis: a, range: r) : nil }
        }
    }

    /// Stacks equally shaped `tensors` along a new axis at position `axis` (0...rank).
    public static func stack(_ tensors: [Tensor], axis: Int) -> Tensor {
        precondition(!tensors.isEmpty, "stack: no tensors")
        let shape = tensors[0].shape
        precondition(axis >= -(shape.count + 1) && axis <= shape.count,
                     "stack: axis \(axis) out of range for new rank \(shape.count + 1)")
        let a = axis < 0 ? axis + shape.count + 1 : axis
        for t in tensors {
            precondition(t.shape == shape, "stack: shapes \(shape) and \(t.shape) differ")
        }
        var expanded = shape
        expanded.insert(1, at: a)
        return concat(tensors.map { $0.reshaped(expanded) }, axis: a)
    }

    /// Reverses the order of elements along each of `axes`; its own adjoint.
    public func flipped(axes: [Int]) -> Tensor {
        let normalised = Set(axes.map { Shape.axis($0, rank: rank, op: "flipped(axes:)") })
        precondition(normalised.count == axes.count, "flipped: repeated axis in \(axes)")
        if normalised.allSatisfy({ shape[$0] <= 1 }) { return self }
        var strides = Shape.strides(shape)
        var offset = 0
        for axis in normalised {
            offset += (shape[axis] - 1) * strides[axis]
            strides[axis] = -strides[axis]
        }
        let y = Tensor.make(shape) { out in
            withUnsafeBufferPointer {
                StridedCopy.copy(from: $0.baseAddress! + offset, strides: strides, shape: shape, to: out.baseAddress!)
            }
        }
        return Tensor.record(y, op: "flipped", inputs: [self]) { g, _ in [g.flipped(axes: axes)] }
    }
}

