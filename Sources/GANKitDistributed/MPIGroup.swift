import CMPI
import Foundation
import GANCore

/// The processes `mpirun -np N` starts, as a `DataParallelGroup` over MPI's world communicator
/// (Open MPI, Debian's `libopenmpi-dev`): `average` is one all-reduce (sum) of the flat buffer
/// followed by a division by N, `broadcast` one broadcast from rank 0.
///
/// No rank waits in a collective for longer than `timeout`: each collective is started
/// non-blocking (`MPI_Iallreduce`, `MPI_Ibcast`, `MPI_Iallgather`) and polled, and every rank tells rank 0 when it
/// arrives (`ArrivalNotices`). When the time is up the job ends (`abort`): rank 0 names the
/// ranks that never arrived, the others name rank 0 when it did not. So a rank that hangs —
/// or one still busy, as rank 0 is while it evaluates or checkpoints — ends the job with an
/// error after `timeout`, never a silent wait; a rank that dies is ended by `mpirun` itself.
///
/// MPI is initialised when the first group is made and finalised when it is released; errors
/// are returned, not fatal (`MPI_ERRORS_RETURN`), and thrown as `MPIError` naming the call.
/// A process started without `mpirun` is a group of one.
public final class MPIGroup: DataParallelGroup {
    public let rank: Int
    public let size: Int
    /// Seconds a rank waits in one collective before ending the job. The default, an hour,
    /// outlasts rank 0's longest pause between collectives in the bundled configurations (an
    /// evaluation of 2000 images takes about 27 minutes on two cores, `docs/evaluation.md`).
    public let timeout: Double
    private let notices: ArrivalNotices
    private var collectives = 0

    public init(timeout: Double = 3600) throws {
        precondition(timeout > 0, "MPIGroup: timeout must be positive, got \(timeout)")
        var initialized: Int32 = 0
        try MPIError.check(MPI_Initialized(&initialized), "MPI_Initialized")
        if initialized == 0 { try MPIError.check(MPI_Init(nil, nil), "MPI_Init") }
        try MPIError.check(MPI_Comm_set_errhandler(gk_mpi_comm_world(), gk_mpi_errors_return()), "MPI_Comm_set_errhandler")
        var rank: Int32 = 0, size: Int32 = 0
        try MPIError.check(MPI_Comm_rank(gk_mpi_comm_world(), &rank), "MPI_Comm_rank")
        try MPIError.check(MPI_Comm_size(gk_mpi_comm_world(), &size), "MPI_Comm_size")
        self.rank = Int(rank)
        self.size = Int(size)
        self.timeout = timeout
        notices = ArrivalNotices(rank: Int(rank), size: Int(size))
    }

    deinit {
        var finalized: Int32 = 0
        MPI_Finalized(&finalized)
        if finalized == 0 { MPI_Finalize() }
    }

    public func average(_ values: inout [Float]) throws {
        let count = try Self.count(values)
        try values.withUnsafeMutableBufferPointer { buffer in
            try collective("MPI_Iallreduce of \(count) floats") { request in
                MPI_Iallreduce(gk_mpi_in_place(), buffer.baseAddress, count, gk_mpi_float(), gk_mpi_sum(), gk_mpi_comm_world(), &request)
            }
        }
        let scale = 1 / Float(size)
        for i in values.indices { values[i] *= scale }
    }

    public func broadcast(_ values: inout [Float]) throws {
        let count = try Self.count(values)
        try values.withUnsafeMutableBufferPointer { buffer in
            try collective("MPI_Ibcast of \(count) floats") { request in
                MPI_Ibcast(buffer.baseAddress, count, gk_mpi_float(), 0, gk_mpi_comm_world(), &request)
            }
        }
    }

    /// Every rank's `values` concatenated in rank order, by `MPI_Iallgather`: exact for any
    /// number of ranks (the protocol's default, built from an average, is exact only for powers
    /// of two).
    public func gather(_ values: [Float]) throws -> [Float] {
        let count = try Self.count(values)
        var whole = [Float](repeating: 0, count: values.count * size)
        try values.withUnsafeBufferPointer { send in
            try whole.withUnsafeMutableBufferPointer { receive in
                try collective("MPI_Iallgather of \(count) floats") { request in
                    MPI_Iallgather(send.baseAddress, count, gk_mpi_float(), receive.baseAddress, count, gk_mpi_float(),
                                   gk_mpi_comm_world(), &request)
                }
            }
        }
        return whole
    }

    /// Ends every process of the job: writes `message`, prefixed with this rank, to standard
    /// error, then `MPI_Abort` (status 1). For an error on one rank, which would otherwise leave
    /// the others waiting in a collective.
    public func abort(_ message: String) -> Never {
        FileHandle.standardError.write(Data("rank \(rank) of \(size): \(message)\n".utf8))
        MPI_Abort(gk_mpi_comm_world(), 1)
        exit(1)
    }

    /// Announces this rank's arrival, starts the collective and polls it (sleeping 50 µs to
    /// 1 ms between polls) until it completes or `timeout` passes.
    private func collective(_ call: String, start: (inout MPI_Request?) -> Int32) throws {
        collectives += 1
        try notices.announce()
        var request = gk_mpi_request_null()
        try MPIError.check(start(&request), call)
        let deadline = Date().addingTimeInterval(timeout)
        var pause: UInt32 = 50
        while true {
            var done: Int32 = 0
            try MPIError.check(MPI_Test(&request, &done, gk_mpi_status_ignore()), "MPI_Test of \(call)")
            if done != 0 { break }
            if Date() > deadline {
                let missing = (try? notices.missing()) ?? []
                let who = missing.isEmpty ? "the other ranks" : missing.map { "rank \($0)" }.joined(separator: ", ")
                abort("waited \(timeout) s in collective \(collectives) (\(call)); \(who) did not reach it: hung, or busy for longer than the timeout")
            }
            usleep(pause)
            pause = min(pause * 2, 1000)
        }
        try notices.complete()
    }

    /// The element count as MPI's `int`.
    private static func count(_ values: [Float]) throws -> Int32 {
        guard let count = Int32(exactly: values.count) else {
            throw MPIError(call: "a collective of \(values.count) floats", message: "more than MPI's int can count")
        }
        return count
    }
}
