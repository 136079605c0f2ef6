import Foundation
import GANKit
import Testing

/// Every built-in regularizer, augmentation, technique and loss describes itself
/// (`DescribableComponent`) with the options it was built from: the options a configuration
/// gives survive, and building from the description gives a component that describes itself
/// the same way.
@Suite struct DescribableComponentTests {
    static let context = ComponentBuildContext(modelFamily: "dcgan", imageSize: ImageSize(channels: 3, resolution: 32), batchSize: 4, datasetCount: 100)

    /// Options other than the defaults, for every built-in that has options: each key given
    /// must come back from `options`.
    static let changed: [String: [String: JSONValue]] = [
        "r1": ["gamma": .number(0.5), "interval": .number(4)],
        "ms3d": ["weight": .number(2), "transform": .string("gaussian"), "sigma": .number(1.5), "layout": .string("spatial"),
                 "field": .string("both"), "scales": .number(3), "interval": .number(8)],
        "lecam": ["weight": .number(0.25), "decay": .number(0.5), "startStep": .number(7), "twoSided": .bool(true)],
        "diggan": ["weight": .number(3), "alpha": .number(0.25)],
        "path-length": ["weight": .number(0.5), "decay": .number(0.25), "interval": .number(8), "batchShrink": .number(4)],
        "cr": ["weight": .number(2), "flipProbability": .number(0.25), "maxShift": .number(3)],
        "bcr": ["realWeight": .number(2), "fakeWeight": .number(4), "flipProbability": .number(0.75), "maxShift": .number(1)],
        "zcr": ["term": .string("generator"), "weight": .number(0.25), "sigma": .number(0.5)],
        "diffaugment": ["policy": .array([.string("cutout"), .string("color")])],
        "ada": ["target": .number(0.5), "interval": .number(8), "speedKimg": .number(100), "initialP": .number(0.25), "fixedP": .number(0.5),
                "clampAtOne": .bool(false), "preset": .string("geom"), "filter": .string("sym6"), "xflip": .number(0.5), "hue": .number(2)],
        "freeze-d": ["blocks": .number(2)],
    ]

    /// `type`'s component of `kind` built from `options` by its role's registry factory.
    static func build(_ type: any ConfigurableComponent.Type, options: [String: JSONValue], registry: ComponentRegistry) throws -> Any {
        let (kind, json) = (type.kind, JSONValue.object(options))
        if type is any Regularizer.Type { return try registry.makeRegularizer(kind, options: json, context: context, at: "test") }
        if type is any Augmentation.Type { return try registry.makeAugmentation(kind, options: json, context: context, at: "test") }
        if type is any TrainingTechnique.Type { return try registry.makeTechnique(kind, options: json, context: context, at: "test") }
        return try registry.makeLoss(kind, context: context, at: "test")
    }

    @Test func everyBuiltinComponentDescribesTheOptionsItWasBuiltFrom() throws {
        let registry = ComponentRegistry()
        GANKit.registerBuiltins(in: registry)
        let components = GANKit.builtins.filter { !($0 is any ModelFamily.Type) && !($0 is any ImageDataSource.Type) }
        #expect(components.count == 16)
        for type in components {
            #expect(type is any DescribableComponent.Type, "\(type) is not a DescribableComponent")
            // The defaults (but Freeze-D's blocks have none, so its defaults build nothing) and,
            // for a type with options, changed ones.
            var cases: [[String: JSONValue]] = (try? Self.build(type, options: [:], registry: registry)) == nil ? [] : [[:]]
            if !type.optionKeys.isEmpty {
                cases.append(try #require(Self.changed[type.kind], "no changed options for \(type.kind)"))
            }
            #expect(!cases.isEmpty)
            for given in cases {
                let described = try ComponentDescription(describing: try Self.build(type, options: given, registry: registry), at: "test")
                #expect(described.kind == type.kind)
                for (key, value) in given { #expect(described.options[key] == value, "\(type.kind).\(key)") }
                let again = try ComponentDescription(describing: try Self.build(type, options: described.options, registry: registry), at: "test")
                #expect(again == described, "\(type.kind) from \(given)")
            }
        }
    }

    /// A regularizer of a user's own that does not describe itself.
    final class Undescribed: Regularizer {
        let name = "undescribed"
        let schedule = RegularizationSchedule.everyStep()
        func penalty(_ context: inout RegularizationContext) throws -> Tensor? { nil }
    }

    @Test func aComponentWithoutOptionsNamesItsPlaceAndType() {
        #expect { _ = try ComponentDescription(describing: Undescribed(), at: "regularizers[2]") } throws: {
            String(describing: $0) == "regularizers[2] (Undescribed) does not conform to DescribableComponent, so its options are unknown"
        }
    }

    @Test func ms3dWithAnRGTransformOfItsOwnSaysSo() {
        struct Halving: RGTransform {
            let name = "halving"
            func coarseGrain(_ field: Tensor) -> Tensor { field }
        }
        #expect { _ = try ComponentDescription(describing: MS3D(transform: Halving()), at: "regularizers[0]") } throws: {
            String(describing: $0).hasPrefix("regularizers[0] (MS3D) cannot name its settings:")
                && String(describing: $0).contains("Halving")
        }
    }
}
