import GANNN
import GANTensor

/// A NaN or infinite value found by the pipeline's checks: what holds it, which element, and
/// the value. `TrainingPipeline` turns it into `GANCoreError.nonFinite` or a skipped step.
struct NonFiniteValue: Error, CustomStringConvertible {
    /// What holds the value, e.g. "the gradient of discriminator parameter 'main.0.weight'".
    var holder: String
    var value: Float
    /// The element's index and the element count, for a tensor of more than one element.
    var element: (index: Int, count: Int)?
    /// What else the reader should know, e.g. which penalties the gradient's loss included.
    var note: String?

    var description: String {
        let shown = value.isNaN ? "NaN" : value > 0 ? "+inf" : "-inf"
        var text = "\(holder) is \(shown)"
        if let element, element.count > 1 { text += " at element \(element.index) of \(element.count)" }
        if let note { text += " (\(note))" }
        return text
    }

    /// Throws when `x` is not finite.
    static func check(_ x: Float, _ holder: @autoclosure () -> String) throws {
        if !x.isFinite { throw NonFiniteValue(holder: holder(), value: x, element: nil) }
    }

    /// Throws for the first element of `tensor` that is not finite (one pass).
    static func check(_ tensor: Tensor, _ holder: @autoclosure () -> String) throws {
        try tensor.withUnsafeBufferPointer { buffer in try check(buffer, holder()) }
    }

    /// Throws for the first element of `values` that is not finite (one pass).
    static func check(_ values: [Float], _ holder: @autoclosure () -> String) throws {
        try values.withUnsafeBufferPointer { buffer in try check(buffer, holder()) }
    }

    private static func check(_ buffer: UnsafeBufferPointer<Float>, _ holder: @autoclosure () -> String) throws {
        guard let i = NonFiniteScan.firstIndex(in: buffer) else { return }
        throw NonFiniteValue(holder: holder(), value: buffer[i], element: (i, buffer.count))
    }

    /// Checks the gradient of every parameter `optimizer` is about to update (after
    /// `backward`, before `step()`); `network` names the owner ("discriminator").
    static func checkGradients(of optimizer: any Optimizer, network: String) throws {
        for (name, p) in optimizer.parameters where p.isTrainable {
            guard let g = p.grad else { continue }
            try check(g, "the gradient of \(network) parameter '\(name)'")
        }
    }

    /// Checks every parameter `optimizer` holds and its state (after `step()`): Adam's moments
    /// are named as "Adam's first moment (m)" and "second moment (v)", other optimisers' arrays
    /// by their `bufferNames`.
    static func checkState(of optimizer: any Optimizer, network: String) throws {
        let state = optimizer.checkpointState
        let kind = String(describing: type(of: optimizer))
        for (name, p) in optimizer.parameters {
            try check(p.value, "\(network) parameter '\(name)'")
            guard let entry = state[name] else { continue }
            for (buffer, values) in entry.buffers.sorted(by: { $0.key < $1.key }) {
                try check(values, "\(describe(buffer, of: kind)) of \(network) parameter '\(name)'")
            }
        }
    }

    /// How a message names an optimiser's array.
    private static func describe(_ buffer: String, of kind: String) -> String {
        switch (kind, buffer) {
        case ("Adam", "m"): "Adam's first moment (m)"
        case ("Adam", "v"): "Adam's second moment (v)"
        default: "\(kind)'s \(buffer) buffer"
        }
    }

    /// Checks the buffers of `module` (BatchNorm's running statistics, spectral norm's vectors).
    static func checkBuffers(of module: any Module, network: String) throws {
        for (name, b) in module.namedBuffers() { try check(b.value, "\(network) buffer '\(name)'") }
    }
}
