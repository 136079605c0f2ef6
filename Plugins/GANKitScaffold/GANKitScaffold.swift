import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory gankit-new regularizer Name`: a thin
/// command plugin that hands the work to `gankit new` (swift-argument-parser's habit: plugins
/// stay thin, the executable does the work).
@main
struct GANKitScaffold: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let tool = try context.tool(named: "gankit")
        let process = Process()
        process.executableURL = tool.url
        process.arguments = ["new"] + arguments + ["--package-dir", context.package.directoryURL.path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            Diagnostics.error("gankit new \(arguments.joined(separator: " ")) failed with status \(process.terminationStatus)")
            return
        }
    }
}
