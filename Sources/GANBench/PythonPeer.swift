import Foundation

/// The PyTorch peer scripts run beside a benchmark (scripts/torch_*_bench.py): each prints its
/// figures as one JSON object on its last output line.
enum PythonPeer {
    /// Runs `python3 arguments…` and returns its last output line as a JSON object, or nil when it
    /// cannot start, fails, or ends otherwise (python3 or torch missing). Its standard error is
    /// discarded.
    static func lastJSONObject(_ arguments: [String]) -> [String: Any]? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let line = String(decoding: output, as: UTF8.self).split(separator: "\n").last else { return nil }
        return try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
    }
}
