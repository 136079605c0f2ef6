import Foundation

/// A `ConfigurableComponent` that gives back the options it was built from, so a pipeline
/// composed in Swift can be written down as a run configuration (`config.json`) from which
/// `gankit sample` and `gankit train --resume` build it again. `options` maps the component's
/// stored properties back to its `Options`, every setting given: a default the initialiser
/// resolved (zCR's weight per term, ADA's multipliers per preset) is written as the value it
/// took, so `T(options: c.options, context:)` is a component equal to `c` and describes itself
/// as `c` does. Every built-in regularizer, augmentation, technique and loss adopts it in its
/// own target; `ComponentDescription(describing:at:)` reads it.
public protocol DescribableComponent: ConfigurableComponent {
    /// The options that build this component; throws an error saying why when this instance
    /// holds something its options cannot name (MS3D with an RG transform of your own).
    var options: Options { get throws }
}

extension DescribableComponent where Options == NoOptions {
    /// None.
    public var options: NoOptions { NoOptions() }
}

/// A component as a run configuration names it: `{"kind": kind, …options}`.
public struct ComponentDescription: Equatable, Sendable {
    /// The registered kind (`ConfigurableComponent.kind`).
    public var kind: String
    /// Every option, as `JSONEncoder` writes the component's `Options` (a nil optional is left
    /// out, so it reads back as its default, nil).
    public var options: [String: JSONValue]

    /// The kind and options of `component`; a component that is not a `DescribableComponent`,
    /// or whose `options` throw, is a `NotDescribableError` naming `place` (e.g.
    /// "regularizers[1]") and the component's type.
    public init(describing component: Any, at place: String) throws {
        guard let describable = component as? any DescribableComponent else {
            throw NotDescribableError(place: place, component: "\(type(of: component))",
                                      reason: "does not conform to DescribableComponent, so its options are unknown")
        }
        self = try describable.componentDescription(at: place)
    }

    /// `kind` with `options`.
    public init(kind: String, options: [String: JSONValue]) {
        (self.kind, self.options) = (kind, options)
    }
}

extension DescribableComponent {
    /// This component's kind and options, as `ComponentDescription(describing:at:)` gives them.
    fileprivate func componentDescription(at place: String) throws -> ComponentDescription {
        let options: Options
        do { options = try self.options } catch {
            throw NotDescribableError(place: place, component: "\(Self.self)", reason: "cannot name its settings: \(error)")
        }
        let json = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(options))
        return ComponentDescription(kind: Self.kind, options: json.objectValue ?? [:])
    }
}

/// Why a pipeline cannot be written down as a run configuration: the place of the component
/// that prevents it ("regularizers[1]", "generator", "model"), the component's type and the
/// reason. `RunConfigurationWriter` (GANKit) reports it instead of writing `config.json`.
public struct NotDescribableError: Error, Equatable, CustomStringConvertible {
    /// Where the component sits in the pipeline, as a configuration key.
    public var place: String
    /// The component's type.
    public var component: String
    /// What is missing.
    public var reason: String

    /// The error for `component` at `place`, with `reason`.
    public init(place: String, component: String, reason: String) {
        (self.place, self.component, self.reason) = (place, component, reason)
    }

    /// "regularizers[1] (MyPenalty) does not conform to DescribableComponent, …".
    public var description: String { "\(place) (\(component)) \(reason)" }
}
