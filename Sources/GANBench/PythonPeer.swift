import Foundation

/// The PyTorch peer scripts run beside a benchmark (scripts/torch_*_bench.py): each prints its
/// figures as one JSON object on its last output line.
enum PythonPeer {
    /// Why a peer gave no figures, or figures that cannot be set beside GANKit's; its
    /// description is the message a benchmark prints.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `python3 arguments…` and returns the JSON object on its last output line. Throws when
    /// python3 cannot start, the script exits with a non-zero status or a signal (the failure
    /// quotes the last line of its error output: `No module named 'torch'`, `can't open file`,
    /// `'python3': No such file or directory`), or its last line is no JSON object.
    static func lastJSONObject(_ arguments: [String]) throws(Failure) -> [String: Any] {
        let command = (["python3"] + arguments).joined(separator: " ")
        // The error output goes to a file, not a second pipe: a pipe that is not read while the
        // output is would fill and stall the script.
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("gankit-bench-peer-\(UUID().uuidString).log")
        guard FileManager.default.createFile(atPath: errorFile.path, contents: nil),
              let errors = try? FileHandle(forWritingTo: errorFile) else {
            throw Failure(description: "cannot create \(errorFile.path) for the error output of \(command)")
        }
        defer {
            try? errors.close()
            try? FileManager.default.removeItem(at: errorFile)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch {
            throw Failure(description: "cannot start \(command): \(error.localizedDescription)")
        }
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let how = process.terminationReason == .exit ? "exited with status" : "was stopped by signal"
            let errorText = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
            let reason = errorText.split(separator: "\n").last(where: { !$0.allSatisfy(\.isWhitespace) })
            throw Failure(description: "\(command) \(how) \(process.terminationStatus)" + (reason.map { ": \($0)" } ?? ""))
        }
        guard let line = String(decoding: printed, as: UTF8.self).split(separator: "\n").last,
              let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            throw Failure(description: "\(command) printed no JSON object on its last line")
        }
        return object
    }

    /// The value under `key` in the JSON object `script` printed, as a `T` (`Double`, `Int`).
    static func field<T>(_ key: String, of object: [String: Any], from script: String) throws(Failure) -> T {
        guard let value = object[key] as? T else {
            throw Failure(description: "\(script) printed no \(T.self) under \"\(key)\" on its last line")
        }
        return value
    }
}
