import CKernels
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Elementwise functions. Pullbacks use the op's output where that is cheaper (exp, sqrt,
/// tanh, sigmoid) and constant masks for piecewise-linear ops, whose second derivative is
/// zero almost everywhere.
extension Tensor {
    public func exp() -> Tensor {
        let y = ElementwiseKernels.map(self) { expf($0) }
        return Tensor.record(y, op: "exp", inputs: [self], savesOutput: true) { g, y in [g * y] }
    }

    public func log() -> Tensor {
        let y = ElementwiseKernels.map(self) { logf($0) }
        return Tensor.record(y, op: "log", inputs: [self]) { g, _ in [g / self] }
    }

    public func sqrt() -> Tensor {
        let y = ElementwiseKernels.map(self) { $0.squareRoot() }
        return Tensor.record(y, op: "sqrt", inputs: [self], savesOutput: true) { g, y in [g / (y * 2)] }
    }

    /// x^p for a number p.
    public func pow(_ p: Float) -> Tensor {
        if p == 2 { return self * self }
        let y = ElementwiseKernels.map(self) { powf($0, p) }
        return Tensor.record(y, op: "pow", inputs: [self]) { g, _ in [g * (self.pow(p - 1) * p)] }
    }

    /// x², as `x * x`.
    public func squared() -> Tensor { self * self }

    public func abs() -> Tensor {
        let y = ElementwiseKernels.map(self) { Swift.abs($0) }
        return Tensor.record(y, op: "abs", inputs: [self]) { g, _ in [g * self.sign()] }
    }

    /// −1, 0 or 1 per element; a constant (its derivative is zero almost everywhere).
    public func sign() -> Tensor {
        ElementwiseKernels.map(self) { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }
    }

    public func tanh() -> Tensor {
        let y = Tensor.make(shape) { out in
            withUnsafeBufferPointer { xs in
                let (xp, op) = (UncheckedSendable(xs.baseAddress!), UncheckedSendable(out.baseAddress!))
                parallelChunks(out.count) { range in
                    gk_tanh(xp.value + range.lowerBound, op.value + range.lowerBound, range.count)
                }
            }
        }
        return Tensor.record(y, op: "tanh", inputs: [self], savesOutput: true) { g, y in [Tensor.tanhGradient(g, output: y)] }
    }

    public func sigmoid() -> Tensor {
        let y = ElementwiseKernels.map(self) { Tensor.sigmoid($0) }
        return Tensor.record(y, op: "sigmoid", inputs: [self], savesOutput: true) { g, y in [g * (y * (1 - y))] }
    }

    /// log(1 + eˣ), computed without overflow.
    public func softplus() -> Tensor {
        let y = ElementwiseKernels.map(self) { x in
            Swift.max(x, 0) + log1pf(expf(-Swift.abs(x)))
        }
        return Tensor.record(y, op: "softplus", inputs: [self]) { g, _ in [g * self.sigmoid()] }
    }

    public func relu() -> Tensor {
        let y = ElementwiseKernels.map(self, ElementFunctions.ReLU())
        return Tensor.record(y, op: "relu", inputs: [self]) { g, _ in
            [Tensor.leakyReLUGradient(g, input: self, slope: 0)]
        }
    }

    /// x for x > 0, slope·x otherwise.
    public func leakyReLU(_ slope: Float = 0.2) -> Tensor {
        let y = ElementwiseKernels.map(self, ElementFunctions.LeakyReLU(slope: slope))
        return Tensor.record(y, op: "leakyReLU", inputs: [self]) { g, _ in
            [Tensor.leakyReLUGradient(g, input: self, slope: slope)]
        }
    }

    /// g·gain where x > 0 and (g·gain)·slope elsewhere, in one pass: the pullback of
    /// `leakyReLU(slope)` (of `relu()` for slope 0) at x applied to g, times `gain` (that of
    /// `biasLeakyReLU`; with the default 1 exactly g and g·slope). It is linear in g with x's mask
    /// held constant (the derivative in x is zero almost everywhere), so its own pullback is this
    /// same op and x gets no gradient: double backprop through LeakyReLU (R1) stays exact.
    public static func leakyReLUGradient(_ g: Tensor, input x: Tensor, slope: Float, gain: Float = 1) -> Tensor {
        precondition(g.shape == x.shape, "leakyReLUGradient: gradient \(g.shape) and input \(x.shape) differ in shape")
        let mask = x.detached()
        let y = ElementwiseKernels.zip(g, mask, ElementFunctions.LeakyReLUGradient(slope: slope, gain: gain))
        return record(y, op: "leakyReLUGradient", inputs: [g]) { gg, _ in
            [leakyReLUGradient(gg, input: mask, slope: slope, gain: gain)]
        }
    }

    /// g·(1 − y²) in one pass: the pullback of y = tanh(x) at its output y. Its own pullback is
    /// again this op for g, and −2·y·g times the incoming gradient for y.
    static func tanhGradient(_ g: Tensor, output y: Tensor) -> Tensor {
        precondition(g.shape == y.shape, "tanhGradient: gradient \(g.shape) and output \(y.shape) differ in shape")
        let value = ElementwiseKernels.zip(g, y, ElementFunctions.TanhGradient())
        return record(value, op: "tanhGradient", inputs: [g, y]) { gg, _ in
            [g.needsGradient ? tanhGradient(gg, output: y) : nil,
             y.needsGradient ? gg * g * y * -2 : nil]
        }
    }

    static func sigmoid(_ x: Float) -> Float {
        x >= 0 ? 1 / (1 + expf(-x)) : { let e = expf(x); return e / (1 + e) }()
    }
}
