import Foundation

/// An experiment's records gathered by row, with means over seeds and each row's standing
/// against the baseline row, paired by seed.
public struct ExperimentSummary {
    /// One row's runs.
    public struct Row {
        public var name: String
        /// The row's records, by seed.
        public var records: [ExperimentRecord]
        public var meanFinalFID: Double { mean(records.map(\.final.fid)) }
        public var meanBestFID: Double { mean(records.map(\.best.fid)) }
        public var meanFinalKID: Double? { optionalMean(records.map(\.final.kid)) }
        public var meanBestKID: Double? { optionalMean(records.map(\.best.kid)) }
        public var meanWallSeconds: Double { mean(records.map(\.wallSeconds)) }
        public func record(seed: UInt64) -> ExperimentRecord? { records.first { $0.seed == seed } }
    }

    /// How a row compares with the baseline at the seeds both ran.
    public enum Standing: Equatable {
        /// The baseline itself.
        case baseline
        /// Fewer than two seeds in common with the baseline.
        case tooFewSeeds(paired: Int)
        /// Lower final FID and (where recorded) final KID than the baseline at every paired seed.
        case better(paired: Int)
        /// Higher final FID and KID at every paired seed.
        case worse(paired: Int)
        /// Better at some seeds or on one score, worse at others.
        case mixed(paired: Int)
    }

    public var experiment: String
    public var baseline: String
    public var rows: [Row]

    /// The records of `experiment` by row, rows in `order` first (a spec's order) and then as
    /// they first appear; the baseline is `baseline` if given, else the row named "baseline",
    /// else the first row. A later record for the same row and seed replaces an earlier one.
    public init(experiment: String, records: [ExperimentRecord], order: [String] = [], baseline: String? = nil) {
        self.experiment = experiment
        var byRow: [String: [UInt64: ExperimentRecord]] = [:]
        var names = order
        for record in records where record.experiment == experiment {
            if !names.contains(record.row) { names.append(record.row) }
            byRow[record.row, default: [:]][record.seed] = record
        }
        rows = names.compactMap { name in
            byRow[name].map { Row(name: name, records: $0.values.sorted { $0.seed < $1.seed }) }
        }
        self.baseline = baseline ?? (names.contains("baseline") ? "baseline" : names.first ?? "baseline")
    }

    /// The baseline row's runs, if any have finished.
    public var baselineRow: Row? { rows.first { $0.name == baseline } }

    /// `row` against the baseline: paired by seed, judged on the final FID and final KID.
    public func standing(_ row: Row) -> Standing {
        guard row.name != baseline else { return .baseline }
        let pairs = row.records.compactMap { r in baselineRow?.record(seed: r.seed).map { (r, $0) } }
        guard pairs.count >= 2 else { return .tooFewSeeds(paired: pairs.count) }
        func lower(_ a: ExperimentRecord, _ b: ExperimentRecord) -> Bool {
            a.final.fid < b.final.fid && (a.final.kid == nil || b.final.kid == nil || a.final.kid! < b.final.kid!)
        }
        func higher(_ a: ExperimentRecord, _ b: ExperimentRecord) -> Bool {
            a.final.fid > b.final.fid && (a.final.kid == nil || b.final.kid == nil || a.final.kid! > b.final.kid!)
        }
        if pairs.allSatisfy({ lower($0.0, $0.1) }) { return .better(paired: pairs.count) }
        if pairs.allSatisfy({ higher($0.0, $0.1) }) { return .worse(paired: pairs.count) }
        return .mixed(paired: pairs.count)
    }

    /// The row's final FID minus the baseline's at each paired seed.
    public func fidDifferences(_ row: Row) -> [(seed: UInt64, difference: Double)] {
        row.records.compactMap { r in baselineRow?.record(seed: r.seed).map { (r.seed, r.final.fid - $0.final.fid) } }
    }
}

private func mean(_ values: [Double]) -> Double { values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count) }

private func optionalMean(_ values: [Double?]) -> Double? {
    let present = values.compactMap { $0 }
    return present.count == values.count && !present.isEmpty ? mean(present) : nil
}
