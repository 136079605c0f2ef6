import ArgumentParser
import GANKit

/// The data flags shared by `gankit train` and `gankit evaluate`: each overrides one key of a
/// configuration's `data` section (`DataSpec`).
struct DataOptions: ParsableArguments {
    @Option(name: .customLong("data-source"), help: "emoji | fashion-mnist | folder, or a source the program registers.") var dataSource: String?
    @Option(name: .customLong("data"), help: "The image folder (for --data-source folder).") var dataPath: String?
    @Option(parsing: .unconditional, help: "Use at most this many images.") var limit: Int?
    @Option(help: "Which images --limit keeps: first (the default: the first in file order) or random (a fixed random sample of the whole source, data.subsetSeed).")
    var subset: String?
    @Option(parsing: .unconditional, help: "Classes to keep, for a labelled source (fashion-mnist), e.g. 0,3.") var classes: String?
    @Option(parsing: .unconditional, help: "Training resolution in pixels.") var resolution: Int?
    @Option(parsing: .unconditional, help: "1 (gray) or 3 (RGB).") var channels: Int?

    /// Writes the given flags into `data`. A flag that does not apply to the resulting source is
    /// an error naming it (`--classes` with a folder); classes that came from a configuration
    /// file are dropped when the flags switch the source away from Fashion-MNIST.
    func apply(to data: inout DataSpec) throws {
        let sourceBefore = data.source
        if let dataSource { data.source = dataSource }
        if let dataPath { data.path = dataPath; if dataSource == nil { data.source = "folder" } }
        let registry = ComponentRegistry.shared
        let labelled = registry.dataSource(data.source)?.classCount != nil
        if data.source != sourceBefore, !labelled { data.classes = nil }
        if classes != nil, !labelled {
            let given = dataSource.map { "--data-source \($0)" } ?? dataPath.map { "--data \($0)" } ?? "the configuration's data.source"
            throw ValidationError("--classes \(classes!) applies to --data-source \(registry.labelledDataSourceKinds.joined(separator: ", ")) only; "
                                  + "the data source is \(data.source) (\(given))")
        }
        if let limit { data.limit = limit }
        if let subset { data.subset = subset }
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
