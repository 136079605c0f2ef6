import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory gankit-new regularizer Name` (or
/// `augmentation Name`): a thin command plugin that hands the work to `GANScaffoldTool`, the
/// scaffold's own small executable (swift-argument-parser's habit: plugins stay thin). A plugin
/// cannot import package targets, so the templates live in the `GANScaffold` target, which the
/// tool and `gankit new` share. The plugin adds what only it knows: the package's root, and the
/// identity of the dependency that provides GANCore (how Package.swift must name GANKit).
@main
struct GANKitScaffold: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let tool = try context.tool(named: "GANScaffoldTool")
        var extra = ["--package-dir", context.package.directoryURL.path]
        if let gankit = context.package.dependencies.first(where: { $0.package.products.contains { $0.name == "GANCore" } }) {
            extra += ["--gankit-identity", gankit.package.id]
        }
        let process = Process()
        process.executableURL = tool.url
        process.arguments = arguments + extra
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            Diagnostics.error("gankit-new \(arguments.joined(separator: " ")) failed with status \(process.terminationStatus)")
            return
        }
    }
}
