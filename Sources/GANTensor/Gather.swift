/// Selection by index and its adjoint, scatter-add.
///
/// Two linear pairs, each op the other's pullback, so both differentiate to any order:
/// - along one axis: `gathered(axis:indices:)` (PyTorch `index_select`) and
///   `scatterAdded(axis:indices:extent:)` (PyTorch `index_add` into zeros);
/// - over the flattened elements: `gathered(flatIndices:shape:)` (out[i] = x.flat[idx[i]], or 0
///   where idx[i] < 0) and `scatterAdded(flatIndices:shape:)`. An index map of this kind
///   expresses any per-sample rearrangement with zero fill (integer translation, cutout).
extension Tensor {
    /// Selects slices along `axis`: output slice j is input slice `indices[j]` (PyTorch
    /// `index_select`). Indices may repeat or be omitted.
    public func gathered(axis: Int, indices: [Int]) -> Tensor {
        let a = Shape.axis(axis, rank: rank, op: "gathered(axis:indices:)")
        let extent = shape[a]
        if let bad = indices.first(where: { $0 < 0 || $0 >= extent }) {
            preconditionFailure("gathered(axis: \(axis), indices:): index \(bad) out of range 0..<\(extent) for shape \(shape)")
        }
        var outShape = shape
        outShape[a] = indices.count
        let layout = AxisLayout(shape, axis: a)
        let y = Tensor.make(outShape) { out in
            withUnsafeBufferPointer { IndexKernels.gather($0.baseAddress!, layout: layout, indices: indices, into: out.baseAddress!) }
        }
        return Tensor.record(y, op: "gathered", inputs: [self]) { g, _ in
            [g.scatterAdded(axis: a, indices: indices, extent: extent)]
        }
    }

    /// The adjoint of `gathered(axis:indices:)`: a zero tensor with `extent` along `axis` into
    /// which slice j of this tensor is added at position `indices[j]` (PyTorch `index_add`).
    public func scatterAdded(axis: Int, indices: [Int], extent: Int) -> Tensor {
        let a = Shape.axis(axis, rank: rank, op: "scatterAdded(axis:indices:extent:)")
        precondition(indices.count == shape[a],
                     "scatterAdded(axis: \(axis), ...): \(indices.count) indices for extent \(shape[a]) of shape \(shape)")
        if let bad = indices.first(where: { $0 < 0 || $0 >= extent }) {
            preconditionFailure("scatterAdded(axis: \(axis), ...): index \(bad) out of range 0..<\(extent)")
        }
        var outShape = shape
        outShape[a] = extent
        let layout = AxisLayout(outShape, axis: a)
        let y = Tensor.make(outShape) { out in
            out.initialize(repeating: 0)
            withUnsafeBufferPointer { IndexKernels.scatterAdd($0.baseAddress!, layout: layout, indices: indices, into: out.baseAddress!) }
        }
        return Tensor.record(y, op: "scatterAdded", inputs: [self]) { g, _ in
            [g.gathered(axis: a, indices: indices)]
        }
    }

    /// A tensor of `shape` whose element i (row-major) is element `flatIndices[i]` of this
    /// tensor (row-major), or 0 where `flatIndices[i]` is negative.
    public func gathered(flatIndices: [Int], shape outShape: [Int]) -> Tensor {
        precondition(flatIndices.count == Shape.elementCount(outShape),
                     "gathered(flatIndices:shape:): \(flatIndices.count) indices for shape \(outShape)")
        if let bad = flatIndices.first(where: { $0 >= count }) {
            preconditionFailure("gathered(flatIndices:shape:): index \(bad) out of range for \(count) elements of shape \(shape)")
        }
        let sourceShape = shape
        let y = Tensor.make(outShape) { out in
            withUnsafeBufferPointer { xs in
                flatIndices.withUnsafeBufferPointer { IndexKernels.take(xs.baseAddress!, indices: $0, into: out.baseAddress!) }
            }
        }
        return Tensor.record(y, op: "gatheredFlat", inputs: [self]) { g, _ in
            [g.scatterAdded(flatIndices: flatIndices, shape: sourceShape)]
        }
    }

    /// The adjoint of `gathered(flatIndices:shape:)`: a zero tensor of `shape` into whose
    /// element `flatIndices[i]` element i of this tensor is added (skipped where negative).
    /// Runs on one core, since indices may collide.
    public func scatterAdded(flatIndices: [Int], shape outShape: [Int]) -> Tensor {
        precondition(flatIndices.count == count,
                     "scatterAdded(flatIndices:shape:): \(flatIndices.count) indices for \(count) elements of shape \(shape)")
        let outCount = Shape.elementCount(outShape)
        if let bad = flatIndices.first(where: { $0 >= outCount }) {
            preconditionFailure("scatterAdded(flatIndices:shape:): index \(bad) out of range for shape \(outShape)")
        }
        let sourceShape = shape
        let y = Tensor.make(outShape) { out in
            out.initialize(repeating: 0)
            withUnsafeBufferPointer { gs in
                flatIndices.withUnsafeBufferPointer { idx in
                    for i in idx.indices where idx[i] >= 0 { out[idx[i]] += gs[i] }
                }
            }
        }
        return Tensor.record(y, op: "scatterAddedFlat", inputs: [self]) { g, _ in
            [g.gathered(flatIndices: flatIndices, shape: sourceShape)]
        }
    }
}

/// A contiguous tensor seen as [outer, extent, inner] around one axis.
struct AxisLayout {
    let outer: Int, extent: Int, inner: Int

    init(_ shape: [Int], axis: Int) {
        outer = shape[..<axis].reduce(1, *)
        extent = shape[axis]
        inner = shape[(axis + 1)...].reduce(1, *)
    }
}

/// Copy loops of the index ops.
enum IndexKernels {
    /// out[o, j, :] = x[o, indices[j], :], where `layout` describes x.
    static func gather(_ x: UnsafePointer<Float>, layout: AxisLayout, indices: [Int], into out: UnsafeMutablePointer<Float>) {
        let m = indices.count, inner = layout.inner, extent = layout.extent
        guard m > 0, inner > 0 else { return }
        let src = UncheckedSendable(x), dst = UncheckedSendable(out)
        indices.withUnsafeBufferPointer { idx in
            let ip = UncheckedSendable(idx.baseAddress!)
            if inner == 1 {
                // Gathering along the last axis: one element per index, no row copies.
                parallelChunks(layout.outer, minimumPerChunk: max(1, 32_768 / m)) { rows in
                    for o in rows {
                        let s = src.value + o * extent, d = dst.value + o * m
                        for j in 0..<m { d[j] = s[ip.value[j]] }
                    }
                }
                return
            }
            parallelChunks(layout.outer * m, minimumPerChunk: max(1, 32_768 / max(inner, 1))) { rows in
                for row in rows {
                    let o = row / m, j = row % m
                    (dst.value + row * inner).update(from: src.value + (o * extent + ip.value[j]) * inner, count: inner)
                }
            }
        }
    }

    /// out[o, indices[j], :] += g[o, j, :], where `layout` describes out (zero on entry).
    /// Work is split over outer slices and, when those are few, over the inner extent, so no
    /// two threads write one element.
    static func scatterAdd(_ g: UnsafePointer<Float>, layout: AxisLayout, indices: [Int], into out: UnsafeMutablePointer<Float>) {
        let m = indices.count, inner = layout.inner, extent = layout.extent
        guard m > 0, inner > 0 else { return }
        let blocks = layout.outer >= Parallelism.cores ? 1 : Swift.max(1, Swift.min(Parallelism.cores, inner / 1024))
        let src = UncheckedSendable(g), dst = UncheckedSendable(out)
        indices.withUnsafeBufferPointer { idx in
            let ip = UncheckedSendable(idx.baseAddress!)
            parallelChunks(layout.outer * blocks, minimumPerChunk: max(1, 32_768 / max(m * inner / blocks, 1))) { items in
                for item in items {
                    let o = item / blocks, b = item % blocks
                    if inner == 1 {
                        let s = src.value + o * m, d = dst.value + o * extent
                        for j in 0..<m { d[ip.value[j]] += s[j] }
                        continue
                    }
                    let lo = inner * b / blocks, hi = inner * (b + 1) / blocks
                    for j in 0..<m {
                        let s = src.value + (o * m + j) * inner
                        let d = dst.value + (o * extent + ip.value[j]) * inner
                        for k in lo..<hi { d[k] += s[k] }
                    }
                }
            }
        }
    }

    /// out[i] = x[indices[i]], or 0 where indices[i] < 0.
    static func take(_ x: UnsafePointer<Float>, indices: UnsafeBufferPointer<Int>, into out: UnsafeMutablePointer<Float>) {
        guard let first = indices.baseAddress else { return }
        let src = UncheckedSendable(x), dst = UncheckedSendable(out), ip = UncheckedSendable(first)
        parallelChunks(indices.count) { range in
            for i in range {
                let k = ip.value[i]
                dst.value[i] = k >= 0 ? src.value[k] : 0
            }
        }
    }
}
