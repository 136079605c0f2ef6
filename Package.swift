// swift-tools-version: 6.1
// GANKit: GAN training on small image sets, on the CPU, with limited-data techniques as plug-ins.
// Layering (see README.md): CBLAS/CPNG ← GANTensor ← GANNN ← GANCore ← plug-ins ← GANKit.
import PackageDescription

let package = Package(
    name: "GANKit",
    products: [
        .library(name: "GANTensor", targets: ["GANTensor"]),
        .library(name: "GANTestSupport", targets: ["GANTestSupport"]),
        .executable(name: "gankit-bench", targets: ["GANBench"]),
    ],
    targets: [
        // System libraries: found through pkg-config, installed by the named apt packages.
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),

        // Float32 tensors on OpenBLAS with reverse-mode autodiff of any order.
        .target(name: "GANTensor", dependencies: ["CBLAS"]),
        // Modules, layers, optimisers and initialisers.

        // Release-mode throughput benchmark (`swift run -c release gankit-bench`).
        .executableTarget(name: "GANBench", dependencies: ["GANTensor"]),

        // For plug-in authors: finite-difference gradient checks of first and second order.
        .target(name: "GANTestSupport", dependencies: ["GANTensor"]),

        .testTarget(name: "GANTensorTests", dependencies: ["GANTensor", "GANTestSupport"], resources: [.copy("Fixtures")]),
    ]
)
