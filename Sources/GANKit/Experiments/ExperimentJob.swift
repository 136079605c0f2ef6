import Foundation
import GANCore

/// One run of an experiment: a row at a seed, with its resolved configuration.
public struct ExperimentJob: Equatable {
    public var experiment: String
    public var row: String
    public var seed: UInt64
    /// The configuration the run trains with, its output directory `<runs>/<row>/seed-<seed>`.
    public var configuration: RunConfiguration
    /// Where the run's last sample grid is copied, or nil.
    public var grid: String?

    /// Identifies the job in a results file.
    public var key: ExperimentKey { ExperimentKey(experiment: experiment, row: row, seed: seed) }
}

/// (experiment, row, seed): what a results record is the result of.
public struct ExperimentKey: Hashable, Sendable, CustomStringConvertible {
    public var experiment: String
    public var row: String
    public var seed: UInt64
    public var description: String { "\(experiment)/\(row)/seed \(seed)" }
}

extension ExperimentSpec {
    /// The spec's jobs, row by row and within a row seed by seed, restricted to `rows` and
    /// `seeds` when given (names and seeds the spec does not have are errors). Every job's
    /// configuration is resolved and checked here, so a bad row fails before anything trains.
    public func jobs(rows selectedRows: [String]? = nil, seeds selectedSeeds: [UInt64]? = nil) throws -> [ExperimentJob] {
        if let selectedRows {
            for name in selectedRows where !rows.contains(where: { $0.name == name }) {
                throw ConfigurationError.unknownKind(context: "--only (the rows of experiment \(self.name))", kind: name, known: rows.map(\.name))
            }
        }
        let seedList = selectedSeeds ?? seeds
        return try rows.filter { selectedRows?.contains($0.name) ?? true }.flatMap { row in
            try seedList.map { seed in
                ExperimentJob(experiment: name, row: row.name, seed: seed, configuration: try configuration(row: row, seed: seed),
                              grid: grids.map { "\($0)/\(name)/\(row.name)-seed\(seed).png" })
            }
        }
    }

    /// The run configuration of `row` at `seed`: the base, the spec's `overrides`, the row's
    /// regularizers (after the base's), augmentation, loss and `overrides`, then the spec's
    /// iterations and evaluation, the seed and the run folder. Errors name the row and seed.
    public func configuration(row: ExperimentRow, seed: UInt64) throws -> RunConfiguration {
        var json = base
        if let overrides { json = json.overlaid(with: overrides) }
        var object = json.objectValue ?? [:]
        if !row.regularizers.isEmpty {
            object["regularizers"] = .array((object["regularizers"]?.arrayValue ?? []) + row.regularizers)
        }
        if let augmentation = row.augmentation { object["augmentation"] = augmentation }
        if let loss = row.loss { object["loss"] = .string(loss) }
        json = .object(object)
        if let overrides = row.overrides { json = json.overlaid(with: overrides) }
        object = json.objectValue ?? [:]
        if let iterations { object["iterations"] = .number(Double(iterations)) }
        if let evaluation { object["evaluation"] = evaluation }
        object["seed"] = .number(Double(seed))
        var output = object["output"]?.objectValue ?? [:]
        output["directory"] = .string("\(runs)/\(row.name)/seed-\(seed)")
        object["output"] = .object(output)

        let context = "experiment \(name), row \(row.name), seed \(seed)"
        let configuration = try RunConfiguration.parse(try JSONEncoder().encode(JSONValue.object(object)), source: context)
        guard let evaluation = configuration.evaluation else {
            throw ConfigurationError.invalidValue(context: "\(context): evaluation",
                                                  reason: "an experiment's runs need an evaluation section (in the spec or its base) to score them")
        }
        do { try evaluation.validate() } catch let error as ConfigurationError {
            throw ConfigurationError.invalidValue(context: context, reason: error.description)
        }
        return configuration
    }
}
