import Foundation
import PackagePlugin

/// The build-tool plugin of the `GANKit` umbrella: it registers the built-in methods, so that
/// adding one is its target and its name in Package.swift's `builtinMethods`, nothing else.
///
/// Every target the umbrella depends on that declares components (a `Components.swift` holding
/// `public var components`, as each method target and the scaffold's output do) is a built-in
/// method. `GANKitBuiltinsTool` writes `BuiltinMethods.swift` into the umbrella: an
/// `@_exported import` of each (so `import GANKit` brings it) and `GANKit.methodComponents`,
/// their components in the manifest's order, which `GANKit.builtins` includes.
@main
struct GANKitBuiltins: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let methods = target.dependencies.compactMap { dependency -> (name: String, components: URL)? in
            guard case .target(let dependency) = dependency, let module = dependency as? SourceModuleTarget,
                  let file = module.sourceFiles.first(where: { $0.url.lastPathComponent == "Components.swift" }) else { return nil }
            return (module.moduleName, file.url)
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "BuiltinMethods.swift")
        return [.buildCommand(displayName: "Registering \(methods.count) built-in methods in \(target.name)",
                              executable: try context.tool(named: "GANKitBuiltinsTool").url,
                              arguments: [output.path] + methods.map(\.name),
                              inputFiles: methods.map(\.components), outputFiles: [output])]
    }
}
