import CMPI
import GANCore
import Foundation

/// The processes `mpirun -np N` starts, as a `DataParallelGroup` over MPI's world communicator
/// (Open MPI, Debian's `libopenmpi-dev`): `average` is one `MPI_Allreduce` (sum) of the flat
/// buffer followed by a division by N, `broadcast` one `MPI_Bcast` from rank 0.
///
/// MPI is initialised when the first group is made and finalised when it is released; errors
/// are returned, not fatal (`MPI_ERRORS_RETURN`), and thrown as `MPIError` naming the call.
/// A process started without `mpirun` is a group of one.
public final class MPIGroup: DataParallelGroup {
    public let rank: Int
    public let size: Int

    public init() throws {
        var initialized: Int32 = 0
        try MPIError.check(MPI_Initialized(&initialized), "MPI_Initialized")
        if initialized == 0 { try MPIError.check(MPI_Init(nil, nil), "MPI_Init") }
        try MPIError.check(MPI_Comm_set_errhandler(gk_mpi_comm_world(), gk_mpi_errors_return()), "MPI_Comm_set_errhandler")
        var rank: Int32 = 0, size: Int32 = 0
        try MPIError.check(MPI_Comm_rank(gk_mpi_comm_world(), &rank), "MPI_Comm_rank")
        try MPIError.check(MPI_Comm_size(gk_mpi_comm_world(), &size), "MPI_Comm_size")
        self.rank = Int(rank)
        self.size = Int(size)
    }

    deinit {
        var finalized: Int32 = 0
        MPI_Finalized(&finalized)
        if finalized == 0 { MPI_Finalize() }
    }

    public func average(_ values: inout [Float]) throws {
        let count = try Self.count(values)
        try values.withUnsafeMutableBufferPointer { buffer in
            try MPIError.check(MPI_Allreduce(gk_mpi_in_place(), buffer.baseAddress, count, gk_mpi_float(), gk_mpi_sum(),
                                             gk_mpi_comm_world()), "MPI_Allreduce of \(count) floats")
        }
        let scale = 1 / Float(size)
        for i in values.indices { values[i] *= scale }
    }

    public func broadcast(_ values: inout [Float]) throws {
        let count = try Self.count(values)
        try values.withUnsafeMutableBufferPointer { buffer in
            try MPIError.check(MPI_Bcast(buffer.baseAddress, count, gk_mpi_float(), 0, gk_mpi_comm_world()),
                               "MPI_Bcast of \(count) floats")
        }
    }

    /// Ends every process of the job: writes `message`, prefixed with this rank, to standard
    /// error, then `MPI_Abort` (status 1). For an error on one rank, which would otherwise leave
    /// the others waiting in a collective.
    public func abort(_ message: String) -> Never {
        FileHandle.standardError.write(Data("rank \(rank) of \(size): \(message)\n".utf8))
        MPI_Abort(gk_mpi_comm_world(), 1)
        exit(1)
    }

    /// The element count as MPI's `int`.
    private static func count(_ values: [Float]) throws -> Int32 {
        guard let count = Int32(exactly: values.count) else {
            throw MPIError(call: "a collective of \(values.count) floats", message: "more than MPI's int can count")
        }
        return count
    }
}
