import Foundation
import GANCore

/// The report's table lines and number formats.
enum ExperimentReportFormat {
    static func fid(_ value: Double) -> String { value.isFinite ? String(format: "%.1f", value) : "\(value)" }
    static func kid(_ value: Double?) -> String { value.map { $0.isFinite ? String(format: "%.4f", $0) : "\($0)" } ?? "–" }
    static func ratio(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "–" }
    static func gap(_ value: Double?) -> String { value.map { String(format: "%+.2f", $0) } ?? "–" }

    /// Seconds as "4 m 05 s" (or "42 s").
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "–" }
        let total = Int(seconds.rounded())
        return total < 60 ? "\(total) s" : String(format: "%d m %02d s", total / 60, total % 60)
    }

    /// The short commit, marked when the tree had changes.
    static func commit(_ record: ExperimentRecord) -> String {
        guard let commit = record.gitCommit else { return "none" }
        return String(commit.prefix(7)) + (record.gitDirty == true ? " (with local changes)" : "")
    }

    /// One sentence on what the runs share: data, model (its width unless the family, as
    /// `registry` has it, ignores the key), batch, iterations, evaluation.
    static func setting(_ c: RunConfiguration, registry: ComponentRegistry = .shared) -> String {
        var data = "\(c.data.source)"
        if let classes = c.data.classes { data += " class\(classes.count == 1 ? "" : "es") \(classes.map(String.init).joined(separator: ", "))" }
        data += ", \(c.data.limit.map { "at most \($0)" } ?? "all") images at \(c.data.resolution) px, \(c.data.channels) channel\(c.data.channels == 1 ? "" : "s")"
        let readsWidth = !(registry.modelFamily(c.model.family)?.ignoredStandardKeys.contains("width") ?? false)
        let model = c.model.family + (readsWidth ? " width \(c.model.width)" : "")
        var text = "Data: \(data). Model: \(model), batch \(c.batchSize), \(c.iterations) iterations, loss `\(c.loss)`"
        text += c.regularizers.isEmpty ? "" : ", base regularizers " + c.regularizers.map { "`\($0.kind)`" }.joined(separator: ", ")
        text += c.generatorEMA.map { ", generator EMA \($0)" } ?? ""
        if let e = c.evaluation {
            text += ". Evaluation: every \(e.every) iterations and at the end, \(e.num) EMA samples against the training images (KID: \(e.kidSubsets) subsets of at most \(e.kidSubsetSize))"
        }
        return text + "."
    }

    /// "mean (a, b)" of a row's values.
    static func meanAndSeeds(_ mean: Double?, _ values: [String], _ format: (Double?) -> String) -> String {
        "\(format(mean)) (\(values.joined(separator: ", ")))"
    }

    static func summaryLine(_ row: ExperimentSummary.Row, standing: ExperimentSummary.Standing) -> String {
        let r = row.records
        let finalFID = meanAndSeeds(row.meanFinalFID, r.map { fid($0.final.fid) }) { fid($0!) }
        let bestFID = meanAndSeeds(row.meanBestFID, r.map { "\(fid($0.best.fid)) @ \($0.best.iteration)" }) { fid($0!) }
        let finalKID = meanAndSeeds(row.meanFinalKID, r.map { kid($0.final.kid) }, kid)
        let bestKID = meanAndSeeds(row.meanBestKID, r.map { kid($0.best.kid) }, kid)
        let against: String
        switch standing {
        case .baseline: against = "baseline"
        case .better(let n): against = "**better** at all \(n) seeds"
        case .worse(let n): against = "worse at all \(n) seeds"
        case .mixed: against = "mixed"
        case .tooFewSeeds(let n): against = "not judged (\(n) paired)"
        }
        return "| \(row.name) | \(r.map { String($0.seed) }.joined(separator: ", ")) | \(finalFID) | \(bestFID) | \(finalKID) | \(bestKID) | \(duration(row.meanWallSeconds)) | \(against) |\n"
    }

    static func runLine(_ r: ExperimentRecord) -> String {
        let kidText = kid(r.final.kid) + (r.final.kidStd.map { " ± " + kid($0) } ?? "")
        return "| \(r.row) | \(r.seed) | \(fid(r.final.fid)) | \(fid(r.best.fid)) (\(r.best.iteration)) | \(kidText) | \(ratio(r.final.precision)) | " +
            "\(ratio(r.final.recall)) | \(ratio(r.final.density)) | \(ratio(r.final.coverage)) | \(gap(r.logitGap)) | \(duration(r.wallSeconds)) | \(duration(r.trainingSeconds)) | \(commit(r)) |\n"
    }
}
