/// Comparisons and selection.
///
/// Comparisons return constant masks of 0 and 1 (their derivative is zero almost everywhere);
/// `where` picks between two tensors by such a mask and is differentiable in both, to any
/// order: its pullback is `where` again, with zeros in place of the unselected side.
extension Tensor {
    /// 1 where self > other, else 0 (broadcasting); a constant.
    public func greater(than other: Tensor) -> Tensor {
        ElementwiseKernels.broadcastZip(self, other, op: "greater(than:)") { $0 > $1 ? 1 : 0 }
    }

    /// 1 where self > value, else 0; a constant.
    public func greater(than value: Float) -> Tensor {
        ElementwiseKernels.map(self) { $0 > value ? 1 : 0 }
    }

    /// 1 where self < other, else 0 (broadcasting); a constant.
    public func less(than other: Tensor) -> Tensor {
        ElementwiseKernels.broadcastZip(self, other, op: "less(than:)") { $0 < $1 ? 1 : 0 }
    }

    /// 1 where self < value, else 0; a constant.
    public func less(than value: Float) -> Tensor {
        ElementwiseKernels.map(self) { $0 < value ? 1 : 0 }
    }

    /// 1 where self == other, else 0 (broadcasting); a constant.
    public func equal(to other: Tensor) -> Tensor {
        ElementwiseKernels.broadcastZip(self, other, op: "equal(to:)") { $0 == $1 ? 1 : 0 }
    }

    /// 1 where self == value, else 0; a constant.
    public func equal(to value: Float) -> Tensor {
        ElementwiseKernels.map(self) { $0 == value ? 1 : 0 }
    }

    /// `a` where `mask` is nonzero, else `b`, with the three shapes broadcast together.
    ///
    /// The mask is read as a constant (it is not differentiated). Unlike
    /// `mask * a + (1 - mask) * b`, an infinite or NaN value on the unselected side does not
    /// leak into the result or its gradient.
    public static func `where`(_ mask: Tensor, _ a: Tensor, _ b: Tensor) -> Tensor {
        let outShape = Shape.broadcast(Shape.broadcast(mask.shape, a.shape, op: "where"), b.shape, op: "where")
        let m = mask.detached().expand(to: outShape)
        let ea = a.expand(to: outShape), eb = b.expand(to: outShape)
        let y = Tensor.make(outShape) { out in
            m.withUnsafeBufferPointer { mb in
                ea.withUnsafeBufferPointer { ab in
                    eb.withUnsafeBufferPointer { bb in
                        let mp = UncheckedSendable(mb.baseAddress!), ap = UncheckedSendable(ab.baseAddress!)
                        let bp = UncheckedSendable(bb.baseAddress!), op = UncheckedSendable(out.baseAddress!)
                        parallelChunks(out.count) { range in
                            for i in range { op.value[i] = mp.value[i] != 0 ? ap.value[i] : bp.value[i] }
                        }
                    }
                }
            }
        }
        return record(y, op: "where", inputs: [ea, eb]) { g, _ in
            let zero = Tensor(0)
            return [ea.needsGradient ? Tensor.where(m, g, zero) : nil,
                    eb.needsGradient ? Tensor.where(m, zero, g) : nil]
        }
    }
}
