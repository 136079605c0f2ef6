#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CKernels
import Dispatch

/// Splits `count` independent work items over the machine's cores.
///
/// Work is cut into at most `ProcessInfo.activeProcessorCount` contiguous chunks; small jobs
/// (below `minimumPerChunk` items per chunk) run on the calling thread, where dispatch would
/// cost more than it saves.

func parallelChunks(_ count: Int, minimumPerChunk: Int = 32_768, _ body: (Range<Int>) -> Void) {
    let chunks = min(Parallelism.cores, max(1, count / max(1, minimumPerChunk)))
    if chunks <= 1 {
        if count > 0 { body(0..<count) }
        return
    }
    withoutActuallyEscaping(body) { body in
        let box = UncheckedSendable(body)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let lower = count * chunk / chunks
            let upper = count * (chunk + 1) / chunks
            if lower < upper { box.value(lower..<upper) }
        }
    }
}

/// Number of worker threads GANTensor's own kernels use (BLAS threads are set separately): the
/// CPUs this process may run on (its affinity mask, as `nproc` counts them), so a process bound
/// to one core (`taskset -c 0`, `mpirun --bind-to core`) splits no work it cannot run in
/// parallel; OpenBLAS counts its threads the same way.

enum Parallelism {
    static let cores: Int = {
        let allowed = Int(gk_allowed_cpus())
        if allowed > 0 { return allowed }
        let n = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        return max(1, Int(n))
    }()
}

/// Carries a value across a `@Sendable` boundary when the caller guarantees that the
/// concurrent uses touch disjoint memory (as the chunked kernels do).

struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
