import Foundation
import GANKit
import Testing

/// A built-in method is registered by its name in Package.swift's `builtinMethods` alone: the
/// umbrella's GANKitBuiltins plugin exports every such target and gathers its `components`
/// (its `Components.swift`) into `GANKit.builtins`. A listed target that contributes nothing, or
/// a kind that went missing in the move to generated registration, fails here.
@Suite struct BuiltinRegistrationTests {
    /// The target names listed in this repository's `let builtinMethods = [ … ]` (Package.swift).
    static func builtinMethods() throws -> [String] {
        let root = RepositoryFolder.url
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let start = try #require(manifest.range(of: "let builtinMethods = ["))
        let end = try #require(manifest.range(of: "\n]", range: start.upperBound..<manifest.endIndex))
        return manifest[start.upperBound..<end.lowerBound].split(separator: "\n").compactMap { line in
            let entry = line.trimmingCharacters(in: .whitespaces)
            guard entry.hasPrefix("\""), let close = entry.dropFirst().firstIndex(of: "\"") else { return nil }
            return String(entry[entry.index(after: entry.startIndex)..<close])
        }
    }

    /// The module that declares `type`, e.g. "RegularizerR1" for R1.
    static func module(of type: any ConfigurableComponent.Type) -> String {
        String(String(reflecting: type).prefix { $0 != "." })
    }

    @Test func everyListedMethodTargetContributesAComponent() throws {
        let methods = try Self.builtinMethods()
        #expect(methods.count >= 9, "Package.swift's builtinMethods list was not read: \(methods)")
        let modules = Set(GANKit.builtins.map(Self.module(of:)))
        for method in methods {
            #expect(modules.contains(method), "\(method) is in builtinMethods but adds nothing to GANKit.builtins: give it a Components.swift")
        }
        // The others are the umbrella's own list: losses (GANCore), model families, data sources.
        #expect(modules.subtracting(methods) == ["GANCore", "GANModels", "GANIO"])
    }

    /// The kinds built in when registration moved to the plugin (issue 13) are all still there,
    /// and no two built-ins share a kind (one would silently replace the other). New methods add
    /// kinds without editing this test.
    @Test func everyBuiltinKindIsRegisteredOnce() {
        let registry = ComponentRegistry()
        GANKit.registerBuiltins(in: registry)
        let registered = [registry.regularizerKinds, registry.augmentationKinds, registry.techniqueKinds, registry.lossKinds,
                          registry.modelFamilyKinds, registry.dataSourceKinds]
        let expected = [["bcr", "cr", "diggan", "lecam", "ms3d", "path-length", "r1", "zcr"], ["ada", "diffaugment"], ["freeze-d"],
                        ["hinge", "least-squares", "non-saturating", "relativistic-hinge", "wasserstein"],
                        ["dcgan", "sngan-resnet", "stylegan2"], ["emoji", "fashion-mnist", "folder"]]
        for (kinds, builtIn) in zip(registered, expected) {
            #expect(Set(builtIn).isSubset(of: kinds), "missing: \(Set(builtIn).subtracting(kinds).sorted())")
        }
        let kinds = GANKit.builtins.map { $0.kind }
        #expect(Set(kinds).count == kinds.count, "two built-ins share a kind: \(kinds.sorted())")
    }
}
