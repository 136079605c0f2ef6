// swift-tools-version: 6.1
// GANKit: GAN training on small image sets, on the CPU, with limited-data techniques as plug-ins.
// Layering (see README.md): CBLAS/CPNG ← GANTensor ← GANNN ← GANCore ← plug-ins ← GANKit.
import PackageDescription

/// The built-in methods: one plug-in target each (`Sources/<name>`, depending on GANCore only,
/// its `Components.swift` declaring its component types), each with a library product of its
/// name and a dependency of the GANKit umbrella (below, after `Package(…)`), whose GANKitBuiltins
/// plugin exports it and registers its components; a regularizer's or augmentation's tests live
/// in RegularizerTests or AugmentationTests, which depend on every method of that prefix. Adding
/// a built-in is its target and its name here.
let builtinMethods = [
    "RegularizerR1",
    "RegularizerMS3D",
    "RegularizerLeCam",
    "RegularizerCR",
    "RegularizerDigGAN",
    "RegularizerPathLength",
    "AugmentationDiffAug",
    "AugmentationADA",
    "TechniqueFreezeD",
]

/// The built-in methods whose target name starts with `prefix` ("Regularizer", "Augmentation"),
/// as dependencies.
func builtinMethods(_ prefix: String = "") -> [Target.Dependency] {
    builtinMethods.filter { $0.hasPrefix(prefix) }.map { .target(name: $0) }
}

let package = Package(
    name: "GANKit",
    products: [
        .library(name: "GANTensor", targets: ["GANTensor"]),
        .library(name: "GANNN", targets: ["GANNN"]),
        .library(name: "GANTestSupport", targets: ["GANTestSupport"]),
        .library(name: "GANCore", targets: ["GANCore"]),
        .library(name: "GANIO", targets: ["GANIO"]),
        .library(name: "GANModels", targets: ["GANModels"]),
        .library(name: "GANMetrics", targets: ["GANMetrics"]),
        .library(name: "GANKit", targets: ["GANKit"]),
        .library(name: "GANKitCLI", targets: ["GANKitCLI"]),
        .library(name: "GANKitDistributed", targets: ["GANKitDistributed"]),
        .executable(name: "gankit", targets: ["gankit"]),
        .executable(name: "gankit-bench", targets: ["GANBenchTool"]),
        .plugin(name: "GANKitScaffold", targets: ["GANKitScaffold"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // System libraries: found through pkg-config, installed by the named apt packages.
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Open MPI's C API; `mpirun` comes with openmpi-bin.
        .systemLibrary(name: "CMPI", pkgConfig: "ompi-c", providers: [.apt(["libopenmpi-dev", "openmpi-bin"])]),

        // Memory-bound inner loops (Winograd transforms, block transposes) in C, built once per
        // x86-64 vector extension and picked at load time (target_clones).
        .target(name: "CKernels"),
        // Float32 tensors on OpenBLAS with reverse-mode autodiff of any order.
        .target(name: "GANTensor", dependencies: ["CBLAS", "CKernels"]),
        // Modules, layers, optimisers and initialisers.
        .target(name: "GANNN", dependencies: ["GANTensor"]),

        // Protocols, losses, RG transforms and the training pipeline.
        .target(name: "GANCore", dependencies: ["GANTensor", "GANNN"]),
        // Plug-in methods: `builtinMethods`, declared after `Package(…)`.
        // Release-mode throughput benchmarks and their flags (`swift run -c release gankit-bench`),
        // a library so that GANBenchTests can check the flags; GANBenchTool runs it.
        .target(name: "GANBench", dependencies: ["GANTensor", "GANCore", "GANModels", "GANMetrics", "RegularizerR1", "RegularizerMS3D", "AugmentationADA",
                                                 .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(name: "GANBenchTool", dependencies: ["GANBench", "GANTensor"]),

        // PNG read/write (the only caller of libpng), image folders, IDX files, sample grids,
        // loss charts and checkpoints.
        .target(name: "GANIO", dependencies: ["GANCore", "CPNG", "CZlib"]),

        // Reference architectures: DCGAN 32/64, SNGAN ResNet-32, MLPs for toy data.
        .target(name: "GANModels", dependencies: ["GANCore", "GANNN"]),
        // Evaluation: Inception-v3 features, FID, KID, precision/recall, density/coverage, training
        // diagnostics.
        .target(name: "GANMetrics", dependencies: ["GANCore", "GANIO", "CZlib"]),
        // The umbrella: re-exports every layer and method, registers the built-ins for configs.
        .target(name: "GANKit", dependencies: ["GANCore", "GANIO", "GANModels", "GANMetrics"] + builtinMethods(), plugins: ["GANKitBuiltins"]),
        // Generates the umbrella's exports and registration of the built-in methods (its
        // dependencies that declare `components` in a `Components.swift`) through its small tool.
        .plugin(name: "GANKitBuiltins", capability: .buildTool(), dependencies: ["GANKitBuiltinsTool"]),
        .executableTarget(name: "GANKitBuiltinsTool"),
        // The commands as a library (train | sample | evaluate | diagnose | experiment | report |
        // weights | new), run by an executable with the components it registers.
        .target(name: "GANKitCLI", dependencies: ["GANKit", "GANKitDistributed", "GANScaffold", "CKernels", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        // Data-parallel training over MPI: a `DataParallelGroup` of the processes `mpirun` starts.
        .target(name: "GANKitDistributed", dependencies: ["GANCore", "CMPI"]),
        // The command-line tool: GANKitCLI with the built-ins.
        .executableTarget(name: "gankit", dependencies: ["GANKitCLI"]),
        // The scaffold of a new regularizer or augmentation target (its templates, the Package.swift
        // and registration edits), shared by `gankit new` and the command plugin; Foundation and
        // ArgumentParser only, so running the plugin builds that tool, not GANKit.
        .target(name: "GANScaffold", dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(name: "GANScaffoldTool", dependencies: ["GANScaffold"]),
        // `swift package --allow-writing-to-package-directory gankit-new regularizer Name` (or
        // `augmentation Name`).
        .plugin(name: "GANKitScaffold",
                capability: .command(intent: .custom(verb: "gankit-new",
                                                     description: "Create a regularizer or augmentation target with its options, registration and conformance test"),
                                     permissions: [.writeToPackageDirectory(reason: "writes the new targets' files and adds them to Package.swift")]),
                dependencies: ["GANScaffoldTool"]),

        // Examples (`swift run -c release <name>`): toy data and PNG plots shared by them, then one
        // executable each.
        .target(name: "ExampleSupport", dependencies: ["GANKit"], path: "Examples/Support"),
        .executableTarget(name: "EightGaussians", dependencies: ["GANKit", "ExampleSupport"], path: "Examples/EightGaussians"),
        .executableTarget(name: "DigGANTwoPoint", dependencies: ["GANKit", "ExampleSupport"], path: "Examples/DigGANTwoPoint"),
        .executableTarget(name: "ComposePipeline", dependencies: ["GANKit", "ExampleSupport"], path: "Examples/ComposePipeline"),

        // For plug-in authors: finite-difference gradient checks of first and second order, and
        // toy models that train in milliseconds.
        .target(name: "GANTestSupport", dependencies: ["GANCore"]),

        .testTarget(name: "RegularizerTests", dependencies: builtinMethods("Regularizer") + ["GANCore", "GANTestSupport"]),
        // Fixtures/ holds the official AugmentPipe's recorded draws and outputs, and the script that wrote them.
        .testTarget(name: "AugmentationTests", dependencies: builtinMethods("Augmentation") + ["GANCore", "GANTestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "GANCoreTests", dependencies: ["GANCore", "GANNN", "GANTestSupport"]),
        // Fixtures/ holds the PyTorch script that produced the DCGAN reference values.
        .testTarget(name: "GANModelsTests", dependencies: ["GANModels", "GANCore", "GANTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "GANTensorTests", dependencies: ["GANTensor", "GANTestSupport"], resources: [.copy("Fixtures")]),
        // Fixtures/ holds the PyTorch scripts that produced the literal reference values.
        .testTarget(name: "GANNNTests", dependencies: ["GANNN", "GANTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "GANIOTests", dependencies: ["GANIO", "GANCore", "GANTestSupport"]),
        // Fixtures/ holds a small experiments results file for the report tests, and the official
        // path-length penalty on a tiny StyleGAN2 with the script that wrote it.
        .testTarget(name: "GANKitTests", dependencies: ["GANKit", "GANTestSupport"], resources: [.copy("Fixtures")]),
        // Fixtures/ holds the numpy/scipy script that produced the metrics' reference values, small
        // ZIP, pickle and TorchScript files, the scripts that wrote them, PyTorch's reading of the
        // Inception weights, its per-block outputs of the network, and pytorch-fid's FID/KID on
        // Debian's images.
        .testTarget(name: "GANMetricsTests", dependencies: ["GANMetrics", "GANIO", "GANCore", "GANTestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "GANKitCLITests", dependencies: ["GANKitCLI", "GANKit"]),
        // Toy runs (BN-free MLPs; R1, or ADA, R1, LeCam, DigGAN and CR) that GANKitTests' DataParallelParityTests starts alone and
        // under `mpirun -np 2`, and whose final weights they compare.
        .executableTarget(name: "DataParallelWorker", dependencies: ["GANKitDistributed", "GANTestSupport", "AugmentationADA", "RegularizerR1",
                                                                 "RegularizerLeCam", "RegularizerDigGAN", "RegularizerCR"],
                          path: "Tests/DataParallelWorker"),
        .testTarget(name: "GANKitDistributedTests", dependencies: ["GANKitDistributed", "GANCore", "GANTestSupport", "AugmentationADA",
                                                                "AugmentationDiffAug", "RegularizerLeCam", "RegularizerDigGAN"]),
        // gankit-bench's flags and its PyTorch peer runner (no benchmark runs in the tests).
        .testTarget(name: "GANBenchTests", dependencies: ["GANBench", "GANCore", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(name: "ExampleSupportTests", dependencies: ["ExampleSupport", "GANKit"]),
        // The scaffold's output for the name ScaffoldExample, committed and built like a plug-in
        // (GANScaffoldTests checks it equals what the scaffold writes today, byte for byte), so
        // the generated code compiles and passes its conformance tests in every `make test`.
        .testTarget(name: "GANScaffoldTests", dependencies: ["GANScaffold"]),
        .target(name: "RegularizerScaffoldExample", dependencies: ["GANCore"],
                path: "Tests/ScaffoldFixture/Sources/RegularizerScaffoldExample"),
        .testTarget(name: "RegularizerScaffoldExampleTests", dependencies: ["RegularizerScaffoldExample", "GANCore", "GANTestSupport"],
                    path: "Tests/ScaffoldFixture/Tests/RegularizerScaffoldExampleTests"),
        .target(name: "AugmentationScaffoldExample", dependencies: ["GANCore"],
                path: "Tests/ScaffoldFixture/Sources/AugmentationScaffoldExample"),
        .testTarget(name: "AugmentationScaffoldExampleTests", dependencies: ["AugmentationScaffoldExample", "GANCore", "GANTestSupport"],
                    path: "Tests/ScaffoldFixture/Tests/AugmentationScaffoldExampleTests"),
    ]
)

// The built-in methods' products and targets, from `builtinMethods`.
package.products += builtinMethods.map { .library(name: $0, targets: [$0]) }
package.targets += builtinMethods.map { .target(name: $0, dependencies: ["GANCore"]) }
