import GANTensor
import Testing

/// The kernel-set choice `OpenBLASKernels.selectForThisCPU()` makes: only over OpenBLAS's
/// generic fallback, only with the instructions the better set needs, never over the user's.
@Suite struct OpenBLASKernelsTests {
    static let avx512: Set<String> = ["sse3", "avx", "avx2", "fma", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]

    @Test func avx512CpusGetSkylakeXAndAvx2CpusHaswell() {
        #expect(OpenBLASKernels.bestCore(flags: Self.avx512) == "SKYLAKEX")
        #expect(OpenBLASKernels.bestCore(flags: ["sse3", "avx", "avx2", "fma", "avx512f"]) == "HASWELL")
        #expect(OpenBLASKernels.bestCore(flags: ["sse3", "avx", "avx2"]) == nil)
        #expect(OpenBLASKernels.bestCore(flags: []) == nil)
    }

    @Test func onlyAGenericFallbackIsReplaced() {
        #expect(OpenBLASKernels.replacement(current: "prescott", flags: Self.avx512, environment: [:]) == "SKYLAKEX")
        #expect(OpenBLASKernels.replacement(current: "sandybridge", flags: ["avx2", "fma"], environment: [:]) == "HASWELL")
        #expect(OpenBLASKernels.replacement(current: "haswell", flags: Self.avx512, environment: [:]) == nil)
        #expect(OpenBLASKernels.replacement(current: "zen", flags: Self.avx512, environment: [:]) == nil)
        #expect(OpenBLASKernels.replacement(current: "prescott", flags: ["sse3"], environment: [:]) == nil)
    }

    @Test func aCoreTypeTheUserSetIsNeverOverridden() {
        #expect(OpenBLASKernels.replacement(current: "prescott", flags: Self.avx512,
                                            environment: ["OPENBLAS_CORETYPE": "PRESCOTT"]) == nil)
    }

    @Test func theLoadedLibraryNamesItsKernelSet() {
        #expect(!OpenBLASKernels.coreName.isEmpty && OpenBLASKernels.coreName != "unknown")
    }
}
