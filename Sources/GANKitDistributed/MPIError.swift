import CMPI

/// An MPI call that did not return `MPI_SUCCESS`: the call and MPI's own message for the code.
public struct MPIError: Error, CustomStringConvertible {
    /// The MPI function (and what it was doing).
    public let call: String
    /// `MPI_Error_string` of the returned code.
    public let message: String

    public var description: String { "\(call) failed: \(message)" }

    /// Throws unless `code` is `MPI_SUCCESS`.
    static func check(_ code: Int32, _ call: String) throws {
        guard code != MPI_SUCCESS else { return }
        var text = [CChar](repeating: 0, count: Int(MPI_MAX_ERROR_STRING) + 1)
        var length: Int32 = 0
        let message = MPI_Error_string(code, &text, &length) == MPI_SUCCESS
            ? String(decoding: text.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            : "MPI error code \(code)"
        throw MPIError(call: call, message: message)
    }
}
