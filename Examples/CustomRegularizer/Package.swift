// swift-tools-version: 6.1
// A package of your own that adds a regularizer to GANKit: R2 in its own target with its
// conformance test, and `mygan`, every gankit command with R2 registered. The targets were written
// by `swift package --allow-writing-to-package-directory gankit-new regularizer R2`.
//
// GANKit is this repository, two folders up. SwiftPM names a path dependency after its folder,
// which differs between clones, so `name: "GANKit"` fixes the name `.product(package:)` uses.
import PackageDescription

let package = Package(
    name: "CustomRegularizer",
    dependencies: [
        .package(name: "GANKit", path: "../.."),
    ],
    targets: [
        .target(name: "RegularizerR2", dependencies: [.product(name: "GANCore", package: "GANKit")]),
        .testTarget(name: "RegularizerR2Tests", dependencies: ["RegularizerR2", .product(name: "GANCore", package: "GANKit"), .product(name: "GANTestSupport", package: "GANKit")]),
        .executableTarget(name: "mygan", dependencies: ["RegularizerR2", .product(name: "GANKitCLI", package: "GANKit")]),
    ]
)
