/// Tight loops over contiguous buffers, split over the cores for large tensors.
///
/// These are the only elementwise loops in GANTensor; every op that maps or zips elements goes
/// through them, so a faster kernel here speeds up every op.

enum ElementwiseKernels {
    /// out[i] = f(x[i])
    
    static func map(_ x: Tensor, _ f: (Float) -> Float) -> Tensor {
        Tensor.make(x.shape) { out in
            x.withUnsafeBufferPointer { xs in
                let xp = UncheckedSendable(xs.baseAddress!), op = UncheckedSendable(out.baseAddress!)
                parallelChunks(out.count) { range in
                    for i in range { op.value[i] = f(xp.value[i]) }
                }
            }
        }
    }

    /// out[i] = f(a[i], b[i]) for tensors of one shape.
    
    static func zip(_ a: Tensor, _ b: Tensor, _ f: (Float, Float) -> Float) -> Tensor {
        Tensor.make(a.shape) { out in
            a.withUnsafeBufferPointer { ab in
                b.withUnsafeBufferPointer { bb in
                    let ap = UncheckedSendable(ab.baseAddress!), bp = UncheckedSendable(bb.baseAddress!)
                    let op = UncheckedSendable(out.baseAddress!)
                    parallelChunks(out.count) { range in
                        for i in range { op.value[i] = f(ap.value[i], bp.value[i]) }
                    }
                }
            }
        }
    }

    /// out = f(a, b) with NumPy broadcasting of the two shapes.
    
    static func broadcastZip(_ a: Tensor, _ b: Tensor, op name: String, _ f: (Float, Float) -> Float) -> Tensor {
        if a.shape == b.shape { return zip(a, b, f) }
        let outShape = Shape.broadcast(a.shape, b.shape, op: name)
        if b.count == 1 {
            let s = b.storage.base[0]
            return reshaped(map(a) { f($0, s) }, outShape)
        }
        if a.count == 1 {
            let s = a.storage.base[0]
            return reshaped(map(b) { f(s, $0) }, outShape)
        }
        // General case: walk the output with an odometer over the outer axes; the innermost
        // (coalesced) axis is a contiguous or constant run in each input.
        let (dims, sa, sb) = BroadcastLayout.coalesce(outShape, a.shape, b.shape)
        let inner = dims.last ?? 1
        let ia = sa.last ?? 0, ib = sb.last ?? 0
        let outerCount = Shape.elementCount(outShape) / max(inner, 1)
        return Tensor.make(outShape) { out in
            a.withUnsafeBufferPointer { ab in
                b.withUnsafeBufferPointer { bb in
                    let ap = UncheckedSendable(ab.baseAddress!), bp = UncheckedSendable(bb.baseAddress!)
                    let op = UncheckedSendable(out.baseAddress!)
                    parallelChunks(outerCount, minimumPerChunk: max(1, 32_768 / max(inner, 1))) { rows in
                        for row in rows {
                            var offA = 0, offB = 0, rest = row
                            for axis in stride(from: dims.count - 2, through: 0, by: -1) {
                                let i = rest % dims[axis]
                                rest /= dims[axis]
                                offA += i * sa[axis]
                                offB += i * sb[axis]
                            }
                            let o = op.value + row * inner
                            let pa = ap.value + offA, pb = bp.value + offB
                            for j in 0..<inner { o[j] = f(pa[j * ia], pb[j * ib]) }
                        }
                    }
                }
            }
        }
    }

    
    static func reshaped(_ t: Tensor, _ shape: [Int]) -> Tensor { Tensor(shape: shape, storage: t.storage) }
}

/// Strides of two inputs broadcast to an output, with adjacent axes merged where possible.

enum BroadcastLayout {
    /// Returns the merged output extents and each input's element strides (0 on broadcast axes).
    
    static func coalesce(_ out: [Int], _ a: [Int], _ b: [Int]) -> (dims: [Int], strideA: [Int], strideB: [Int]) {
        let rank = out.count
        func strides(_ s: [Int]) -> [Int] {
            let padded = [Int](repeating: 1, count: rank - s.count) + s
            let contiguous = Shape.strides(padded)
            return (0..<rank).map { padded[$0] == 1 ? 0 : contiguous[$0] }
        }
        let fa = strides(a), fb = strides(b)
        var dims: [Int] = [], sa: [Int] = [], sb: [Int] = []
        for axis in 0..<rank where out[axis] != 1 {
            if let last = dims.last,
               sa.last! == fa[axis] * out[axis], sb.last! == fb[axis] * out[axis] {
                dims[dims.count - 1] = last * out[axis]
                sa[sa.count - 1] = fa[axis]
                sb[sb.count - 1] = fb[axis]
            } else {
                dims.append(out[axis]); sa.append(fa[axis]); sb.append(fb[axis])
            }
        }
        if dims.isEmpty { return ([1], [0], [0]) }
        return (dims, sa, sb)
    }
}
