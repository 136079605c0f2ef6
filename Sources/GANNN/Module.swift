import GANTensor

/// A piece of a network: a small class that declares its parameters, buffers and sub-modules
/// plainly (after mlx-swift's MLXNN, without reflection).
///
/// A module lists what it holds itself (`ownParameters`, `ownBuffers`) and its sub-modules
/// under explicit names (`children`); the extension composes the dotted names
/// ("block1.conv.weight") that checkpoints and optimisers key on, and walks the tree for
/// train/eval switching and freezing. Every requirement has a default, so a parameter-free
/// layer such as `ReLU` declares nothing.
public protocol Module: AnyObject {
    /// Sub-modules, each under the name that prefixes its parameters and buffers. A child
    /// named "" adds no prefix (a wrapper such as `SpectralNorm` is transparent).
    var children: [(name: String, module: any Module)] { get }
    /// Parameters this module declares itself, not those of its children.
    var ownParameters: [Parameter] { get }
    /// Non-trained state this module declares itself, not that of its children.
    var ownBuffers: [Buffer] { get }
    /// Switches this module's own mode-dependent behaviour (batch statistics, power
    /// iteration); `train(_:)` calls it on every module of the tree.
    func setTrainingMode(_ training: Bool)
}

extension Module {
    public var children: [(name: String, module: any Module)] { [] }
    public var ownParameters: [Parameter] { [] }
    public var ownBuffers: [Buffer] { [] }
    public func setTrainingMode(_ training: Bool) {}

    /// Every parameter of the tree with its dotted name, own parameters first, then each
    /// child's in declaration order. Names are unique (checked).
    public func namedParameters() -> [(String, Parameter)] {
        unique(collect { m in m.ownParameters.map { ($0.name, $0) } }, kind: "parameter")
    }

    /// Every buffer of the tree with its dotted name, in the same order as parameters.
    public func namedBuffers() -> [(String, Buffer)] {
        unique(collect { m in m.ownBuffers.map { ($0.name, $0) } }, kind: "buffer")
    }

    /// Every parameter of the tree, in `namedParameters()` order.
    public func parameters() -> [Parameter] { namedParameters().map(\.1) }

    /// The parameters optimisers update (not frozen).
    public func trainableParameters() -> [Parameter] { parameters().filter(\.isTrainable) }

    /// Total number of parameter elements.
    public var parameterCount: Int { parameters().reduce(0) { $0 + $1.count } }

    /// Switches every module of the tree to training (`true`) or evaluation mode.
    public func train(_ training: Bool = true) {
        setTrainingMode(training)
        for child in children { child.module.train(training) }
    }

    /// Switches every module of the tree to evaluation mode: running statistics, no power
    /// iteration.
    public func eval() { train(false) }

    /// Stops optimisers from updating any parameter of the tree (Freeze-D).
    public func freeze() { for p in parameters() { p.isTrainable = false } }

    /// Lets optimisers update every parameter of the tree again.
    public func unfreeze() { for p in parameters() { p.isTrainable = true } }

    /// Clears the accumulated gradient of every parameter of the tree.
    public func zeroGradients() { for p in parameters() { p.zeroGradient() } }

    /// Items of this module and its descendants, depth first, with dotted names.
    private func collect<T>(_ own: (any Module) -> [(String, T)]) -> [(String, T)] {
        var result = own(self)
        for child in children {
            for (name, item) in child.module.collect(own) {
                result.append((child.name.isEmpty ? name : child.name + "." + name, item))
            }
        }
        return result
    }

    private func unique<T>(_ items: [(String, T)], kind: String) -> [(String, T)] {
        if let name = firstRepeatedName(items.map(\.0)) {
            preconditionFailure("\(type(of: self)): two \(kind)s are both named '\(name)'; give the children distinct names")
        }
        return items
    }
}

/// The first name of `names` that an earlier one already had (nil when all are distinct): the
/// check that stops a module tree whose dotted parameter or buffer names would collide, since
/// checkpoints and optimiser state are keyed by those names.
func firstRepeatedName(_ names: [String]) -> String? {
    var seen = Set<String>()
    return names.first { !seen.insert($0).inserted }
}

/// A module that maps one tensor to one tensor, so it can be chained in `Sequential`.
public protocol Layer: Module {
    /// The layer's output for `x`.
    func callAsFunction(_ x: Tensor) -> Tensor
}
