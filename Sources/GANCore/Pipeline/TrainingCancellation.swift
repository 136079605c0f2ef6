import Foundation

/// A request to stop training early, safe to set from any thread (a signal source, a UI, an
/// observer). `TrainingPipeline.train` checks it after each iteration: the iteration under way
/// finishes, the loop stops, and the observers' `trainingDidFinish` still runs, so a
/// `Checkpointer` saves the state reached.
public final class TrainingCancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false

    public init() {}

    /// Whether `cancel()` has been called.
    public var isCancelled: Bool { lock.withLock { cancelled } }

    /// Asks training to stop after the current iteration; returns whether it was already asked.
    @discardableResult
    public func cancel() -> Bool {
        lock.withLock {
            defer { cancelled = true }
            return cancelled
        }
    }
}
