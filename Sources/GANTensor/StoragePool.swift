#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Recently freed large tensor buffers, kept by exact element count for the next tensor of
/// that size.
///
/// A training step allocates the same few hundred tensor sizes every iteration. glibc returns
/// large blocks to the kernel on free (mmap, heap trimming), so each new tensor paid page
/// faults and the kernel's zeroing of every page: 4–5 % of the DCGAN-32 step's CPU time
/// (`perf`: `asm_exc_page_fault`, `clear_page_erms`). Reusing a block skips both. Small
/// buffers stay with malloc, which serves them from its heap without faults; the cache holds
/// at most `capacityBytes`, so the peak memory grows by at most that much.
enum StoragePool {
    /// Buffers below this many bytes are not cached.
    static let minimumBytes = 256 * 1024
    /// The most bytes kept in free buffers.
    static let capacityBytes = 96 * 1024 * 1024

    /// Free blocks by size, as addresses (raw pointers are not `Sendable`).
    private struct State {
        var free: [Int: [UInt]] = [:]
        var bytes = 0
    }

    private static let state = Mutex(State())

    /// A 64-byte aligned block of `bytes` bytes, reused from the cache when one of that size is
    /// free.
    static func allocate(bytes: Int) -> UnsafeMutableRawPointer {
        if bytes >= minimumBytes, let reused = state.withLock({ s -> UInt? in
            guard let block = s.free[bytes]?.popLast() else { return nil }
            s.bytes -= bytes
            return block
        }), let block = UnsafeMutableRawPointer(bitPattern: reused) {
            return block
        }
        var raw: UnsafeMutableRawPointer?
        guard posix_memalign(&raw, 64, bytes) == 0, let raw else {
            fatalError("TensorStorage: cannot allocate \(bytes) bytes")
        }
        return raw
    }

    /// Returns a block from `allocate(bytes:)`: cached if it is large and there is room, freed
    /// otherwise.
    static func release(_ block: UnsafeMutableRawPointer, bytes: Int) {
        let address = UInt(bitPattern: block)
        if bytes >= minimumBytes, state.withLock({ s -> Bool in
            guard s.bytes + bytes <= capacityBytes else { return false }
            s.free[bytes, default: []].append(address)
            s.bytes += bytes
            return true
        }) {
            return
        }
        free(block)
    }
}
