// gankit-bench: release-mode throughput measurements of GANKit (`swift run -c release
// gankit-bench <subcommand>`); `GANBenchCommand` holds the subcommands and their flags, which
// `gankit-bench --help` and `gankit-bench <subcommand> --help` list.
import GANBench
import GANTensor

OpenBLASKernels.selectForThisCPU()
GANBenchCommand.runCommandLine()
