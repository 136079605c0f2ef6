import Dispatch
import Foundation
import GANKit

/// SIGINT, SIGTERM and SIGHUP while `gankit train` runs: the first asks the pipeline to stop
/// after the current iteration, which then writes a checkpoint; a second SIGINT exits at once
/// (status 130) without one. The signals are ignored at the C level and delivered through
/// `DispatchSource` on a background queue, so no work runs inside a C signal handler.
final class StopSignals: @unchecked Sendable {
    /// Set by the first signal; hand it to `TrainingRun.train`.
    let cancellation = TrainingCancellation()
    private let lock = NSLock()
    private var first: Int32?
    private var sources: [any DispatchSourceSignal] = []

    /// The signals handled, with their names.
    static let names: [Int32: String] = [SIGINT: "SIGINT", SIGTERM: "SIGTERM", SIGHUP: "SIGHUP"]

    /// Starts handling the signals (until `stop()`).
    init() {
        for number in Self.names.keys.sorted() {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            // Dispatch merges signals that arrive together; `data` counts them. (`stop()` drops
            // the handler, and with it the handler's reference to its source.)
            source.setEventHandler { [self] in receive(number, count: Int(source.data)) }
            source.resume()
            sources.append(source)
        }
    }

    /// The first signal received, or nil.
    var receivedSignal: Int32? { lock.withLock { first } }

    /// The conventional exit status after the first signal: 128 + its number (SIGINT 130,
    /// SIGTERM 143, SIGHUP 129), or nil when none came.
    var exitStatus: Int32? { receivedSignal.map { 128 + $0 } }

    /// The name of the first signal received ("SIGTERM"), or nil.
    var receivedName: String? { receivedSignal.flatMap { Self.names[$0] } }

    /// Stops handling the signals and restores their default actions.
    func stop() {
        for source in sources {
            source.setEventHandler(handler: nil)
            source.cancel()
        }
        sources = []
        for number in Self.names.keys { signal(number, SIG_DFL) }
    }

    private func receive(_ number: Int32, count: Int) {
        let isFirst = lock.withLock { () -> Bool in
            guard first == nil else { return false }
            first = number
            return true
        }
        let name = Self.names[number] ?? "signal \(number)"
        if isFirst && !(number == SIGINT && count > 1) {
            cancellation.cancel()
            let hint = number == SIGINT ? " (Ctrl-C again quits at once, without one)" : ""
            FileHandle.standardError.write(Data("\n\(name): stopping after this iteration to write a checkpoint\(hint)\n".utf8))
        } else if number == SIGINT {
            FileHandle.standardError.write(Data("\nSIGINT again: quitting now without a checkpoint\n".utf8))
            _exit(128 + SIGINT)
        }
    }
}
