/// Tight loops over contiguous buffers, split over the cores for large tensors.
///
/// These are the only elementwise loops in GANTensor; every op that maps or zips elements goes
/// through them, so a faster kernel here speeds up every op. The element function is a value of
/// a `UnaryElementFunction` / `BinaryElementFunction` type, so each kernel is specialised for it
/// and the function is inlined into the loop (and vectorised where it can be). A closure would
/// be called per element: the loop runs inside the closure handed to `parallelChunks`, where
/// the compiler cannot see which closure it captured (measured: 3–8× slower on the DCGAN step's
/// bias adds and gradient products). Closures are still accepted for cold paths.

/// f(x) as a type, so kernels specialise for it.
protocol UnaryElementFunction {
    func callAsFunction(_ x: Float) -> Float
}

/// f(a, b) as a type, so kernels specialise for it.
protocol BinaryElementFunction {
    func callAsFunction(_ a: Float, _ b: Float) -> Float
}

/// A closure as an element function (called per element; for cold paths).
struct UnaryClosure: UnaryElementFunction {
    let f: (Float) -> Float
    func callAsFunction(_ x: Float) -> Float { f(x) }
}

/// A closure as a binary element function (called per element; for cold paths).
struct BinaryClosure: BinaryElementFunction {
    let f: (Float, Float) -> Float
    func callAsFunction(_ a: Float, _ b: Float) -> Float { f(a, b) }
}

/// f(x, s) for a fixed s: a binary function with its second argument bound.
struct BindSecond<F: BinaryElementFunction>: UnaryElementFunction {
    let f: F, s: Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float { f(x, s) }
}

/// f(s, x) for a fixed s: a binary function with its first argument bound.
struct BindFirst<F: BinaryElementFunction>: UnaryElementFunction {
    let f: F, s: Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float { f(s, x) }
}

/// The four arithmetic operations and the elementwise functions of the hot ops.
enum ElementFunctions {
    struct Add: BinaryElementFunction { @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a + b } }
    struct Subtract: BinaryElementFunction { @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a - b } }
    struct Multiply: BinaryElementFunction { @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a * b } }
    struct Divide: BinaryElementFunction { @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a / b } }
    struct Negate: UnaryElementFunction { @inline(__always) func callAsFunction(_ x: Float) -> Float { -x } }
    struct ReLU: UnaryElementFunction { @inline(__always) func callAsFunction(_ x: Float) -> Float { Swift.max(x, 0) } }
    /// x for x > 0, slope·x otherwise.
    struct LeakyReLU: UnaryElementFunction {
        let slope: Float
        @inline(__always) func callAsFunction(_ x: Float) -> Float { x > 0 ? x : x * slope }
    }
    /// g·(1 − y²): the tanh pullback of g at output y.
    struct TanhGradient: BinaryElementFunction {
        @inline(__always) func callAsFunction(_ g: Float, _ y: Float) -> Float { g * (1 - y * y) }
    }
    /// g·gain where x > 0, (g·gain)·slope elsewhere: the LeakyReLU pullback of g at x, scaled.
    struct LeakyReLUGradient: BinaryElementFunction {
        let slope: Float, gain: Float
        @inline(__always) func callAsFunction(_ g: Float, _ x: Float) -> Float {
            let scaled = g * gain
            return x > 0 ? scaled : scaled * slope
        }
    }
}

enum ElementwiseKernels {
    /// out[i] = f(x[i])
    static func map(_ x: Tensor, _ f: (Float) -> Float) -> Tensor {
        withoutActuallyEscaping(f) { map(x, UnaryClosure(f: $0)) }
    }

    /// out[i] = f(x[i]), specialised for `F`.
    @inline(__always)
    static func map<F: UnaryElementFunction>(_ x: Tensor, _ f: F) -> Tensor {
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
        withoutActuallyEscaping(f) { zip(a, b, BinaryClosure(f: $0)) }
    }

    /// out[i] = f(a[i], b[i]) for tensors of one shape, specialised for `F`.
    @inline(__always)
    static func zip<F: BinaryElementFunction>(_ a: Tensor, _ b: Tensor, _ f: F) -> Tensor {
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
        withoutActuallyEscaping(f) { broadcastZip(a, b, op: name, BinaryClosure(f: $0)) }
    }

    /// out = f(a, b) with NumPy broadcasting of the two shapes, specialised for `F`.
    @inline(__always)
    static func broadcastZip<F: BinaryElementFunction>(_ a: Tensor, _ b: Tensor, op name: String, _ f: F) -> Tensor {
        if a.shape == b.shape { return zip(a, b, f) }
        let outShape = Shape.broadcast(a.shape, b.shape, op: name)
        if b.count == 1 { return reshaped(map(a, BindSecond(f: f, s: b.storage.base[0])), outShape) }
        if a.count == 1 { return reshaped(map(b, BindFirst(f: f, s: a.storage.base[0])), outShape) }
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
                            // The common runs get loops the compiler can vectorise: a tensor
                            // plus a per-channel value ([N, C, H, W] with [1, C, 1, 1]) and the like.
                            switch (ia, ib) {
                            case (1, 0): let s = pb[0]; for j in 0..<inner { o[j] = f(pa[j], s) }
                            case (0, 1): let s = pa[0]; for j in 0..<inner { o[j] = f(s, pb[j]) }
                            case (1, 1): for j in 0..<inner { o[j] = f(pa[j], pb[j]) }
                            default: for j in 0..<inner { o[j] = f(pa[j * ia], pb[j * ib]) }
                            }
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
