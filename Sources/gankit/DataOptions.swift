import ArgumentParser
import GANKit

/// The data flags shared by `gankit train` and `gankit evaluate`: each overrides one key of a
/// configuration's `data` section (`DataSpec`).
struct DataOptions: ParsableArguments {
    @Option(name: .customLong("data-source"), help: "emoji | fashion-mnist | folder") var dataSource: String?
    @Option(name: .customLong("data"), help: "The image folder (for --data-source folder).") var dataPath: String?
    @Option(help: "Use at most this many images.") var limit: Int?
    @Option(help: "Fashion-MNIST classes to keep, e.g. 0,3.") var classes: String?
    @Option(help: "Training resolution in pixels.") var resolution: Int?
    @Option(help: "1 (gray) or 3 (RGB).") var channels: Int?

    /// Writes the given flags into `data`.
    func apply(to data: inout DataSpec) throws {
        if let dataSource { data.source = dataSource }
        if let dataPath { data.path = dataPath; if dataSource == nil { data.source = "folder" } }
        if let limit { data.limit = limit }
        if let classes {
            data.classes = try classes.split(separator: ",").map {
                guard let k = Int($0.trimmingCharacters(in: .whitespaces)) else { throw ValidationError("--classes: '\($0)' is not a class number") }
                return k
            }
        }
        if let resolution { data.resolution = resolution }
        if let channels { data.channels = channels }
    }
}
