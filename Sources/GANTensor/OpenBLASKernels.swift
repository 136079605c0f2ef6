import CBLAS
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Which of OpenBLAS's CPU-specific kernels this process runs, and the choice GANKit's
/// executables make when OpenBLAS's own detection falls back to a generic core.
///
/// Debian's OpenBLAS is built with DYNAMIC_ARCH: at load time it reads the CPU's family and
/// model and picks a kernel set. A CPU model it does not know (a newer one, or a virtual
/// machine that reports a generic "Intel Xeon Processor") gets the oldest x86-64 set,
/// `Prescott` (SSE3). Measured on this project's 2-core AVX-512 machine with OpenBLAS 0.3.21:
/// sgemm 22 GFLOP/s with Prescott against 103 with SkylakeX, and Inception-v3 feature
/// extraction 2.9 against 9.1 images/s (docs/performance.md). The only way to choose is the
/// environment variable `OPENBLAS_CORETYPE`, read once when the library loads — before any
/// Swift code runs — so an executable that wants other kernels has to start itself again
/// with the variable set: `selectForThisCPU()`.
public enum OpenBLASKernels {
    /// OpenBLAS's name of the kernel set in use, lower-case ("prescott", "haswell", "skylakex", …).
    public static var coreName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name).lowercased()
    }

    /// The environment variable that records the kernel set OpenBLAS chose by itself before
    /// `selectForThisCPU()` started the process again (for the report line and for tests).
    public static let detectedVariable = "GANKIT_OPENBLAS_DETECTED"

    /// OpenBLAS's generic x86-64 kernel sets without AVX2/FMA: what a CPU it does not recognise
    /// falls back to, whatever instructions the CPU has.
    public static let fallbackCores: Set<String> = [
        "prescott", "core2", "penryn", "dunnington", "nehalem", "atom", "sandybridge",
        "katmai", "coppermine", "northwood", "banias", "opteron", "barcelona", "bobcat",
    ]

    /// The kernel set for CPU feature flags (as /proc/cpuinfo lists them): SkylakeX when the CPU
    /// has the AVX-512 subsets its kernels use (F, CD, BW, DQ, VL), Haswell with AVX2 and FMA,
    /// otherwise nil (leave OpenBLAS's choice).
    public static func bestCore(flags: Set<String>) -> String? {
        if flags.isSuperset(of: ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]) { return "SKYLAKEX" }
        if flags.isSuperset(of: ["avx2", "fma"]) { return "HASWELL" }
        return nil
    }

    /// The kernel set to switch to: nil unless OpenBLAS fell back to a generic core on a CPU
    /// that has the instructions for a better one, and the user has not chosen one with
    /// `OPENBLAS_CORETYPE` (that choice always stands: some older OpenBLAS builds are known to
    /// misbehave on some processors, and machines that set it do so on purpose).
    public static func replacement(current: String, flags: Set<String>, environment: [String: String]) -> String? {
        guard environment["OPENBLAS_CORETYPE"] == nil, fallbackCores.contains(current) else { return nil }
        return bestCore(flags: flags)
    }

    /// The CPU's feature flags from /proc/cpuinfo (empty where that file does not exist).
    public static func cpuFlags() -> Set<String> {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
              let colon = line.firstIndex(of: ":") else { return [] }
        return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
    }

    /// Called first thing in `main` of GANKit's executables: when OpenBLAS fell back to a
    /// generic kernel set on a CPU with AVX2 or AVX-512, starts this executable again (execv of
    /// /proc/self/exe with the same arguments) with `OPENBLAS_CORETYPE` set to the better set.
    /// Returns normally when nothing needs to change or the restart is not possible.
    public static func selectForThisCPU() {
        #if os(Linux)
        let current = coreName
        guard let core = replacement(current: current, flags: cpuFlags(), environment: ProcessInfo.processInfo.environment)
        else { return }
        setenv("OPENBLAS_CORETYPE", core, 1)
        setenv(detectedVariable, current, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        // execv returns only on failure: run on with the kernels already loaded.
        unsetenv("OPENBLAS_CORETYPE")
        unsetenv(detectedVariable)
        #endif
    }

    /// One line for a run's header: the kernel set and, after a restart, what OpenBLAS chose.
    public static var summary: String {
        if let detected = ProcessInfo.processInfo.environment[detectedVariable] {
            return "OpenBLAS kernels: \(coreName) (OpenBLAS detected \(detected) on this CPU; GANKit chose by its instruction set)"
        }
        return "OpenBLAS kernels: \(coreName)"
    }
}
