import GANCore

/// The `describesItself` requirement of `RegularizerConformance` and `AugmentationConformance`:
/// a component that a configuration can name (`ConfigurableComponent`) must also describe itself
/// (`DescribableComponent`), and its description must build it again. A run composed in Swift
/// writes that description into `config.json`, from which `gankit sample` and
/// `gankit train --resume` rebuild the component through `make(from:context:describedAs:)`.
enum DescriptionRoundTrip {
    /// What is wrong with `component`'s description, or nil when nothing is: it is not a
    /// `ConfigurableComponent` (so no configuration can name it and there is nothing to check),
    /// or its description, decoded strictly as its `Options` in `context`, builds a component
    /// that describes itself the same way and on which `same` holds.
    static func violation<C>(of component: C, context: ComponentBuildContext, same: (C, Any) -> String? = { _, _ in nil }) -> String? {
        guard component is any ConfigurableComponent else { return nil }
        guard let describable = component as? any DescribableComponent else {
            return "\(type(of: component)) is a ConfigurableComponent but not a DescribableComponent: a run composed in Swift " +
                "with it writes no config.json, so `gankit sample` and `--resume` cannot build it again (give it " +
                "`var options: Options`, the options it was built from)"
        }
        let described: ComponentDescription
        do {
            described = try ComponentDescription(describing: component, at: "the component")
        } catch {
            return "describing it failed: \(error)"
        }
        let rebuilt: Any
        do {
            rebuilt = try build(like: describable, from: described, context: context)
        } catch {
            return "its description \(text(described)) does not build it again: \(error)"
        }
        do {
            let again = try ComponentDescription(describing: rebuilt, at: "the rebuilt component")
            if again != described {
                return "built from its description \(text(described)) it describes itself as \(text(again))"
            }
        } catch {
            return "built from its description \(text(described)) it cannot describe itself: \(error)"
        }
        return same(component, rebuilt).map { "built from its description \(text(described)) it \($0)" }
    }

    /// Builds a component of `component`'s type from `description`'s options, as a configuration
    /// naming it does.
    private static func build<T: DescribableComponent>(like component: T, from description: ComponentDescription,
                                                       context: ComponentBuildContext) throws -> Any {
        try T.make(from: .object(description.options), context: context, describedAs: "\(T.kind) (its description)")
    }

    /// `{"interval":1,"kind":"r1",…}`: the description as configuration JSON with sorted keys.
    private static func text(_ description: ComponentDescription) -> String {
        JSONValue.object(description.options.merging(["kind": .string(description.kind)]) { $1 }).description
    }
}
