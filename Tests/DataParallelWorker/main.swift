import Foundation
import GANCore
import GANKitDistributed
import GANTestSupport
import RegularizerR1

// A toy run for DataParallelTests: BN-free MLPs (`ToyGenerator`, `ToyDiscriminator`) on 32
// fixed 1×2×2 images, batch 8, the non-saturating loss and R1 (γ 1, every 2nd D step), 20
// iterations. `DataParallelWorker OUTPUT` trains in one process; `mpirun -np N
// DataParallelWorker OUTPUT --mpi` trains data-parallel over N processes. Rank 0 (or the lone
// process) writes G's then D's parameters, in `namedParameters()` order, as little-endian
// Float32 to OUTPUT. With `--hang RANK TIMEOUT` that rank sleeps for ten minutes before
// training and the group's timeout is TIMEOUT seconds.
let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: DataParallelWorker OUTPUT [--mpi [--hang RANK TIMEOUT]]\n".utf8))
    exit(2)
}
do {
    // `--hang RANK TIMEOUT`: that rank sleeps before training, the others give up after TIMEOUT s.
    let hang = arguments.firstIndex(of: "--hang").map { (Int(arguments[$0 + 1])!, Double(arguments[$0 + 2])!) }
    let group: MPIGroup? = arguments.contains("--mpi") ? try MPIGroup(timeout: hang?.1 ?? 3600) : nil
    if let hang, group?.rank == hang.0 { sleep(600) }
    var rng = RandomSource(seed: 11)
    let pipeline = try TrainingPipeline.builder()
        .generator(ToyGenerator(using: &rng))
        .discriminator(ToyDiscriminator(using: &rng))
        .regularizer(R1(gamma: 1, interval: 2))
        .batchSize(8)
        .seed(5)
        .dataParallel(group)
        .build()
    let data = TensorDataset(Tensor.uniform([32, 1, 2, 2], low: -1, high: 1, using: &rng))
    for _ in 0..<20 { _ = try pipeline.step(on: data) }
    if (group?.rank ?? 0) == 0 {
        let values = (pipeline.generator.parameters() + pipeline.discriminator.parameters()).flatMap(\.value.scalars)
        let bytes = values.withUnsafeBufferPointer { Data(buffer: $0) }
        try bytes.write(to: URL(fileURLWithPath: arguments[1]))
    }
} catch {
    FileHandle.standardError.write(Data("DataParallelWorker: \(error)\n".utf8))
    exit(1)
}
