import Foundation
import GANCore
import GANIO

/// A results file: one `ExperimentRecord` per line (JSON Lines), appended to as runs finish.
/// Non-finite numbers are written as the strings "nan", "inf" and "-inf", as in `stats.jsonl`.
public enum ExperimentResults {
    /// The records of `file`, in order; none if it does not exist. A line that is not a record
    /// is an error naming the file and line.
    public static func read(_ file: URL) throws -> [ExperimentRecord] {
        guard FileManager.default.fileExists(atPath: file.path) else { return [] }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let text = try TextFile.read(file.path)
        return try text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { number, line in
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
            do { return try decoder.decode(ExperimentRecord.self, from: try withConfigurationDefaults(Data(line.utf8))) } catch let error as DecodingError {
                throw ConfigurationError.invalidValue(context: "\(file.path), line \(number + 1)",
                                                      reason: "not an experiment record (\(ConfigurationDecoding.describe(error, decoding: Data(line.utf8))))")
            }
        }
    }

    /// A record's line with the keys its configuration lacks filled with their defaults, as
    /// `RunConfiguration.parse` fills a configuration file, so a record written before a
    /// configuration key existed still reads. A line that is not a JSON object is returned as it is
    /// (the decoder then names what is wrong).
    static func withConfigurationDefaults(_ line: Data) throws -> Data {
        guard case .object(var record)? = try? JSONParser.parse(line), let config = record["config"] else { return line }
        record["config"] = try RunConfiguration.defaultsJSON().overlaid(with: config)
        return try JSONEncoder().encode(JSONValue.object(record))
    }

    /// `record` as one line of JSON (keys sorted), without the newline.
    public static func line(_ record: ExperimentRecord) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(record), as: UTF8.self)
    }

    /// Appends `record` as a line of `file`, creating the file and its folder if needed. The
    /// whole file is rewritten under a temporary name, flushed and renamed (`TextFile.write`), so
    /// a crash leaves either the old file or the new one.
    public static func append(_ record: ExperimentRecord, to file: URL) throws {
        var text = FileManager.default.fileExists(atPath: file.path) ? try TextFile.read(file.path) : ""
        if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
        text += try line(record) + "\n"
        try TextFile.write(text, to: file.path)
    }
}
