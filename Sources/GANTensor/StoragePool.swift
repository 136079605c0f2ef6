#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Recently freed large tensor buffers, kept by exact element count for the next tensor of
/// that size.
///
/// A training step allocates the same few hundred tensor sizes every iteration. glibc returns
/// large blocks to the kernel on free (mmap, heap trimming), so each new tensor paid page
/// faults and the kernel's zeroing of every page: 4–5 % of the DCGAN-32 step's CPU time
/// (`perf`: `asm_exc_page_fault`, `clear_page_erms`). Reusing a block skips both. Buffers
/// under 32 KB stay with malloc, which serves them from its heap without faults (from 32 KB
/// up glibc may map them afresh: at a 256 KB threshold page faults were still 3.6 % of the
/// step's samples, at 32 KB 0.7 %). The cache holds at most `capacityBytes`, so the peak
/// memory grows by at most that much. (96 MB was too little once convolution kept per-core
/// working buffers of a few MB per layer: the cache overflowed and `clear_page_erms` was back
/// at 7.6 % of the step's samples; with 512 MB the DCGAN-32 benchmark's peak RSS went down,
/// from 275 to 206 MB, as glibc fragments less.)
enum StoragePool {
    /// Buffers below this many bytes are not cached.
    static let minimumBytes = 32 * 1024
    /// The most bytes kept in free buffers.
    static let capacityBytes = 512 * 1024 * 1024

    /// Free blocks by size, and their total bytes; guarded by `lock`.
    nonisolated(unsafe) private static var blocks: [Int: [UnsafeMutableRawPointer]] = [:]
    nonisolated(unsafe) private static var cachedBytes = 0
    /// A pthread mutex (portable, unlike `Synchronization.Mutex` before macOS 15).
    nonisolated(unsafe) private static let lock: UnsafeMutablePointer<pthread_mutex_t> = {
        let m = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        m.initialize(to: pthread_mutex_t())
        pthread_mutex_init(m, nil)
        return m
    }()

    private static func locked<R>(_ body: () -> R) -> R {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        return body()
    }

    /// A 64-byte aligned block of `bytes` bytes, reused from the cache when one of that size is
    /// free.
    static func allocate(bytes: Int) -> UnsafeMutableRawPointer {
        if bytes >= minimumBytes, let reused = locked({ () -> UnsafeMutableRawPointer? in
            guard let block = blocks[bytes]?.popLast() else { return nil }
            cachedBytes -= bytes
            return block
        }) {
            return reused
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
        if bytes >= minimumBytes, locked({ () -> Bool in
            guard cachedBytes + bytes <= capacityBytes else { return false }
            blocks[bytes, default: []].append(block)
            cachedBytes += bytes
            return true
        }) {
            return
        }
        free(block)
    }
}
