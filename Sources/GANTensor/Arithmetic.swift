/// Broadcasting arithmetic. Each pullback reduces the gradient back to its input's shape
/// with `sum(toShape:)`, whose own pullback is `expand(to:)`.
extension Tensor {
    public static func + (a: Tensor, b: Tensor) -> Tensor {
        let y = ElementwiseKernels.broadcastZip(a, b, op: "add", ElementFunctions.Add())
        return record(y, op: "add", inputs: [a, b]) { g, _ in
            [a.needsGradient ? g.sum(toShape: a.shape) : nil,
             b.needsGradient ? g.sum(toShape: b.shape) : nil]
        }
    }

    public static func - (a: Tensor, b: Tensor) -> Tensor {
        let y = ElementwiseKernels.broadcastZip(a, b, op: "sub", ElementFunctions.Subtract())
        return record(y, op: "sub", inputs: [a, b]) { g, _ in
            [a.needsGradient ? g.sum(toShape: a.shape) : nil,
             b.needsGradient ? (-g).sum(toShape: b.shape) : nil]
        }
    }

    public static func * (a: Tensor, b: Tensor) -> Tensor {
        let y = ElementwiseKernels.broadcastZip(a, b, op: "mul", ElementFunctions.Multiply())
        return record(y, op: "mul", inputs: [a, b]) { g, _ in
            [a.needsGradient ? (g * b).sum(toShape: a.shape) : nil,
             b.needsGradient ? (g * a).sum(toShape: b.shape) : nil]
        }
    }

    public static func / (a: Tensor, b: Tensor) -> Tensor {
        let y = ElementwiseKernels.broadcastZip(a, b, op: "div", ElementFunctions.Divide())
        return record(y, op: "div", inputs: [a, b]) { g, _ in
            [a.needsGradient ? (g / b).sum(toShape: a.shape) : nil,
             b.needsGradient ? (-(g * a) / (b * b)).sum(toShape: b.shape) : nil]
        }
    }

    public static prefix func - (x: Tensor) -> Tensor {
        let y = ElementwiseKernels.map(x, ElementFunctions.Negate())
        return record(y, op: "neg", inputs: [x]) { g, _ in [-g] }
    }

    /// x · s for a number s.
    public static func * (x: Tensor, s: Float) -> Tensor {
        let y = ElementwiseKernels.map(x, BindSecond(f: ElementFunctions.Multiply(), s: s))
        return record(y, op: "mulScalar", inputs: [x]) { g, _ in [g * s] }
    }

    /// x + s for a number s.
    public static func + (x: Tensor, s: Float) -> Tensor {
        let y = ElementwiseKernels.map(x, BindSecond(f: ElementFunctions.Add(), s: s))
        return record(y, op: "addScalar", inputs: [x]) { g, _ in [g] }
    }

    public static func * (s: Float, x: Tensor) -> Tensor { x * s }
    public static func + (s: Float, x: Tensor) -> Tensor { x + s }
    public static func - (x: Tensor, s: Float) -> Tensor { x + (-s) }
    public static func - (s: Float, x: Tensor) -> Tensor { (-x) + s }
    public static func / (x: Tensor, s: Float) -> Tensor { x * (1 / s) }
    public static func / (s: Float, x: Tensor) -> Tensor { Tensor(s) / x }

    public static func += (a: inout Tensor, b: Tensor) { a = a + b }
    public static func -= (a: inout Tensor, b: Tensor) { a = a - b }
    public static func *= (a: inout Tensor, b: Tensor) { a = a * b }
}
