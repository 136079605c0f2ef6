// gankit-bench: release-mode throughput measurements of GANKit.
//
// Usage: swift run -c release gankit-bench <subcommand>
//   kernels [name]   GFLOP/s of sgemm and of the convolution ops at DCGAN-32 layer shapes
//                    (only the cases whose name contains `name`, when given)
//   step [--steps N] [--warmup W] [--only plain|r1|ms3d] [--non-finite stop|skip]
//                    median ms per DCGAN-32 training iteration (plain, R1 every step, MS3D
//                    lazy every 16th step) and the peak RSS, as one JSON line
//   stylegan2 [--steps N] [--warmup W] [--batch B] [--rounds R] [--script PATH]
//                    median ms per StyleGAN2-32 training iteration (D main, lazy R1 every 16th
//                    D step amortised, G main) in GANKit and in PyTorch (scripts/
//                    torch_stylegan2_bench.py, same architecture), the ratio and both peak RSS
//   inception [--images N] [--rounds R] [--pt PATH]
//                    FID Inception-v3 features per second, GANKit against PyTorch running the
//                    TorchScript module (when python3 has torch), as one JSON line
import GANTensor
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let subcommands: [(name: String, summary: String, run: ([String]) -> Void)] = [
    ("kernels", "[name]  GFLOP/s of sgemm and of conv2d / convTranspose2d / conv2dWeightGradient at DCGAN-32 shapes",
     { KernelsBenchmark.run(only: $0.first) }),
    ("step", "[--steps N] [--warmup W] [--only plain|r1|ms3d] [--non-finite stop|skip]  ms per DCGAN-32 training step: plain, R1 every step, MS3D lazy/16",
     { StepBenchmark.run($0) }),
    ("stylegan2", "[--steps N] [--warmup W] [--batch B] [--rounds R] [--script PATH]  ms per StyleGAN2-32 step (D main + lazy R1/16 + G main): GANKit and PyTorch, alternating",
     { StyleGAN2Benchmark.run($0) }),
    ("inception", "[--images N] [--rounds R] [--pt PATH]  FID Inception-v3 images/s: GANKit and PyTorch's TorchScript, alternating",
     { InceptionBenchmark.run($0) }),
]

OpenBLASKernels.selectForThisCPU()
print(OpenBLASKernels.summary)
let arguments = CommandLine.arguments.dropFirst()
if let name = arguments.first, let command = subcommands.first(where: { $0.name == name }) {
    command.run(Array(arguments.dropFirst()))
} else {
    print("usage: gankit-bench <subcommand>\n\nsubcommands:")
    for command in subcommands { print("  \(command.name)\t\(command.summary)") }
    exit(arguments.isEmpty ? 0 : 2)
}
