import CMPI

/// Who has reached the current collective, as far as one rank can tell: every rank sends rank 0
/// a one-int notice as it enters a collective, and rank 0 sends every rank one, all
/// non-blocking (tag `tag`; MPI delivers messages between two ranks with one tag in order, so
/// the k-th notice matches the k-th collective). After a timeout, rank 0 knows which ranks never
/// arrived and every other rank knows whether rank 0 did — the ranks `MPIGroup` names.
final class ArrivalNotices {
    static let tag: Int32 = 7_401
    let rank: Int, size: Int
    /// The notices' buffers (MPI reads and writes them until the requests complete).
    private let outgoing = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
    private let incoming: UnsafeMutablePointer<Int32>
    private var sends: [MPI_Request?] = [], receives: [(rank: Int, request: MPI_Request?)] = []

    init(rank: Int, size: Int) {
        self.rank = rank
        self.size = size
        incoming = .allocate(capacity: max(size, 1))
        outgoing.pointee = 1
    }

    deinit {
        outgoing.deallocate()
        incoming.deallocate()
    }

    /// Posts this rank's notices and the receives of the notices it expects.
    func announce() throws {
        let peers = rank == 0 ? Array(1..<max(size, 1)) : [0]
        for peer in peers {
            var send = gk_mpi_request_null(), receive = gk_mpi_request_null()
            try MPIError.check(MPI_Isend(outgoing, 1, gk_mpi_int(), Int32(peer), Self.tag, gk_mpi_comm_world(), &send),
                               "MPI_Isend of the arrival notice to rank \(peer)")
            try MPIError.check(MPI_Irecv(incoming + peer, 1, gk_mpi_int(), Int32(peer), Self.tag, gk_mpi_comm_world(), &receive),
                               "MPI_Irecv of rank \(peer)'s arrival notice")
            sends.append(send)
            receives.append((peer, receive))
        }
    }

    /// The ranks whose notice has not come (rank 0: any; others: rank 0 or none).
    func missing() throws -> [Int] {
        var absent: [Int] = []
        for i in receives.indices {
            var done: Int32 = 0
            try MPIError.check(MPI_Test(&receives[i].request, &done, gk_mpi_status_ignore()), "MPI_Test of an arrival notice")
            if done == 0 { absent.append(receives[i].rank) }
        }
        return absent
    }

    /// Waits for this collective's notices, which every rank has posted once the collective
    /// completed.
    func complete() throws {
        for i in sends.indices {
            try MPIError.check(MPI_Wait(&sends[i], gk_mpi_status_ignore()), "MPI_Wait of an arrival notice")
        }
        for i in receives.indices {
            try MPIError.check(MPI_Wait(&receives[i].request, gk_mpi_status_ignore()), "MPI_Wait of an arrival notice")
        }
        sends.removeAll(keepingCapacity: true)
        receives.removeAll(keepingCapacity: true)
    }
}
