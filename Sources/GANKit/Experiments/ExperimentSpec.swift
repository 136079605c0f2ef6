import Foundation
import GANCore
import GANIO

/// An experiment as `gankit experiment SPEC.json` reads it (`docs/experiments.md`): one base run
/// configuration, varied by rows, each trained once per seed with the same iterations and
/// evaluation. Unknown keys are errors naming the key and where it sits.
///
/// ```json
/// { "name": "sneakers32", "base": "../configs/demo.json", "seeds": [1, 2], "iterations": 1200,
///   "evaluation": { "every": 300, "num": 500 },
///   "rows": [ { "name": "baseline" },
///             { "name": "ms3d", "regularizers": [{ "kind": "ms3d" }] },
///             { "name": "rahinge", "loss": "relativistic-hinge" } ] }
/// ```
public struct ExperimentSpec: Equatable {
    /// Names the experiment in results records and its runs folder (letters, digits, `-`, `_`, `.`).
    public var name: String
    /// What the experiment asks, for the report.
    public var description: String?
    /// The base configuration as JSON (read from the `base` file, or given inline).
    public var base: JSONValue
    /// Where `base` came from: its file, or "inline".
    public var baseSource: String
    /// The settings compared; the row named "baseline" (else the first) is the reference.
    public var rows: [ExperimentRow]
    /// Every row runs once per seed.
    public var seeds: [UInt64]
    /// Generator steps of every run (overrides the base's), or nil to keep the base's.
    public var iterations: Int?
    /// The evaluation section of every run (overrides the base's); the resolved runs need one.
    public var evaluation: JSONValue?
    /// Configuration keys laid over the base for every row, before the row's own changes.
    public var overrides: JSONValue?
    /// The folder of the run folders, `<runs>/<row>/seed-<seed>`; by default
    /// `runs/experiments/<name>` (relative to the working directory).
    public var runs: String
    /// A folder to copy each run's last sample grid into
    /// (`<grids>/<experiment>/<row>-seed<seed>.png`), so the report can show it; nil keeps none.
    public var grids: String?
    /// Variants of the whole experiment (say, all images and a subset): each is an experiment of
    /// its own named `<name>-<variant>`, with the variant's overrides laid over the spec's. Empty
    /// for a single experiment.
    public var variants: [ExperimentVariant] = []

    static let knownKeys: Set<String> = ["name", "description", "base", "rows", "seeds", "iterations", "evaluation", "overrides", "runs", "grids", "variants"]

    /// Reads a spec; a `base` path is relative to the spec file's folder.
    public static func load(from file: URL) throws -> ExperimentSpec {
        let bytes: Data
        do { bytes = try FileContents.read(file.path) } catch {
            throw ConfigurationError.invalidValue(context: file.path, reason: "cannot read the file: \(error)")
        }
        return try parse(bytes, source: file.path, baseFolder: file.deletingLastPathComponent())
    }

    /// Parses a spec's JSON; `source` names it in errors and `baseFolder` resolves a relative
    /// `base` path.
    public static func parse(_ bytes: Data, source: String, baseFolder: URL) throws -> ExperimentSpec {
        let json: JSONValue
        do { json = try JSONParser.parse(bytes) } catch {
            throw ConfigurationError.invalidValue(context: source, reason: "not valid JSON at \(error)")
        }
        try ConfigurationDecoding.checkKeys(json, allowed: knownKeys, context: source)
        let object = json.objectValue ?? [:]
        let reader = ExperimentSpecReader(object: object, source: source)

        let name = try reader.identifier("name")
        let (base, baseSource) = try reader.base(folder: baseFolder)
        let rowValues = try reader.required("rows") { $0.arrayValue }
        guard !rowValues.isEmpty else { throw reader.invalid("rows", "needs at least one row") }
        let rows = try rowValues.enumerated().map { try ExperimentRow.parse($1, context: "\(source): rows[\($0)]") }
        var seen = Set<String>()
        for row in rows where !seen.insert(row.name).inserted { throw reader.invalid("rows", "two rows are named '\(row.name)'") }
        let seedValues = try reader.required("seeds") { $0.arrayValue }
        guard !seedValues.isEmpty else { throw reader.invalid("seeds", "needs at least one seed") }
        let seeds = try seedValues.enumerated().map { i, value -> UInt64 in
            guard let n = value.wholeNumber, n >= 0 else { throw reader.invalid("seeds[\(i)]", "must be a whole number ≥ 0, got \(value)") }
            return UInt64(n)
        }
        guard Set(seeds).count == seeds.count else { throw reader.invalid("seeds", "lists a seed twice: \(seeds)") }
        var iterations: Int?
        if let value = object["iterations"] {
            guard let n = value.wholeNumber, n >= 1 else { throw reader.invalid("iterations", "must be a whole number ≥ 1, got \(value)") }
            iterations = n
        }
        let evaluation = try reader.optionalObject("evaluation")
        if let evaluation { try ConfigurationDecoding.checkKeys(evaluation, allowed: EvaluationSpec.knownKeys, context: "\(source): evaluation") }
        var variants: [ExperimentVariant] = []
        if let value = object["variants"] {
            guard let list = value.arrayValue, !list.isEmpty else { throw reader.invalid("variants", "must be a non-empty list, got \(value)") }
            variants = try list.enumerated().map { try ExperimentVariant.parse($1, context: "\(source): variants[\($0)]") }
            var names = Set<String>()
            for variant in variants where !names.insert(variant.name).inserted { throw reader.invalid("variants", "two variants are named '\(variant.name)'") }
        }
        let runs = try reader.optionalString("runs")
        return ExperimentSpec(
            name: name, description: try reader.optionalString("description"), base: base, baseSource: baseSource,
            rows: rows, seeds: seeds, iterations: iterations, evaluation: evaluation,
            overrides: try reader.optionalObject("overrides"),
            runs: runs ?? "runs/experiments/\(name)", grids: try reader.optionalString("grids"), variants: variants)
    }

    /// The experiments this spec stands for: itself, or one per variant, named
    /// `<name>-<variant>`, with runs under `<runs>/<variant>` (or `runs/experiments/<name>-<variant>`).
    public func experiments() -> [ExperimentSpec] {
        guard !variants.isEmpty else { return [self] }
        return variants.map { variant in
            var spec = self
            spec.name = "\(name)-\(variant.name)"
            let text = [description, variant.description].compactMap { $0 }.joined(separator: " ")
            spec.description = text.isEmpty ? nil : text
            spec.overrides = (overrides ?? .object([:])).overlaid(with: variant.overrides ?? .object([:]))
            spec.runs = runs == "runs/experiments/\(name)" ? "runs/experiments/\(spec.name)" : "\(runs)/\(variant.name)"
            spec.variants = []
            return spec
        }
    }

    /// The reference row: the one named "baseline", else the first.
    public var baselineRow: String { rows.first { $0.name == "baseline" }?.name ?? rows[0].name }
}

/// One setting of an experiment: changes to the base configuration.
public struct ExperimentRow: Equatable {
    /// Names the row in results, tables and the runs folder (letters, digits, `-`, `_`, `.`).
    public var name: String
    /// What the row changes, for the report.
    public var description: String?
    /// Regularizers added after the base's (`[{"kind": "ms3d"}]`).
    public var regularizers: [JSONValue]
    /// The augmentation (`{"kind": "diffaugment"}`), replacing the base's; nil keeps the base's.
    public var augmentation: JSONValue?
    /// The adversarial loss by name, replacing the base's; nil keeps the base's.
    public var loss: String?
    /// Any configuration keys, laid over the result last (objects merge, arrays replace).
    public var overrides: JSONValue?

    static let knownKeys: Set<String> = ["name", "description", "regularizers", "augmentation", "loss", "overrides"]

    static func parse(_ json: JSONValue, context: String) throws -> ExperimentRow {
        try ConfigurationDecoding.checkKeys(json, allowed: knownKeys, context: context)
        let reader = ExperimentSpecReader(object: json.objectValue ?? [:], source: context)
        var regularizers: [JSONValue] = []
        if let value = reader.object["regularizers"] {
            guard let list = value.arrayValue else { throw reader.invalid("regularizers", "must be a list of components, got \(value)") }
            for (i, item) in list.enumerated() where item.objectValue?["kind"]?.stringValue == nil {
                throw reader.invalid("regularizers[\(i)]", "a component needs a \"kind\" string, got \(item)")
            }
            regularizers = list
        }
        let augmentation = try reader.optionalObject("augmentation")
        if let augmentation, augmentation.objectValue?["kind"]?.stringValue == nil {
            throw reader.invalid("augmentation", "a component needs a \"kind\" string, got \(augmentation)")
        }
        return ExperimentRow(name: try reader.identifier("name"), description: try reader.optionalString("description"),
                             regularizers: regularizers, augmentation: augmentation, loss: try reader.optionalString("loss"),
                             overrides: try reader.optionalObject("overrides"))
    }
}

/// A variant of a whole experiment: its name and the configuration keys it changes.
public struct ExperimentVariant: Equatable {
    public var name: String
    public var description: String?
    /// Configuration keys laid over the spec's `overrides` for every row.
    public var overrides: JSONValue?

    static let knownKeys: Set<String> = ["name", "description", "overrides"]

    static func parse(_ json: JSONValue, context: String) throws -> ExperimentVariant {
        try ConfigurationDecoding.checkKeys(json, allowed: knownKeys, context: context)
        let reader = ExperimentSpecReader(object: json.objectValue ?? [:], source: context)
        return ExperimentVariant(name: try reader.identifier("name"), description: try reader.optionalString("description"),
                                 overrides: try reader.optionalObject("overrides"))
    }
}
