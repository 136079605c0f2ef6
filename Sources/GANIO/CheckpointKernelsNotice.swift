import Foundation
import GANCore

extension Checkpoint {
    /// The line a resume prints when `checkpoint` was written with OpenBLAS's `written` kernel
    /// set and this process has `current`, or nil when they are the same or the checkpoint
    /// predates the record (`PipelineSnapshot.Metadata.kernels`). Not an error: the run
    /// continues correctly, but each kernel set rounds its own way and training amplifies the
    /// difference into another run (measured in docs/reliability.md, "Bit-identical means"), so
    /// the continuation is not the run an uninterrupted process would have made; the line names
    /// the `OPENBLAS_CORETYPE` that would make it so.
    public static func kernelsNotice(checkpoint: URL, written: String?, current: String) -> String? {
        guard let written, written != current else { return nil }
        return "note: \(checkpoint.path) was written with OpenBLAS's \(written) kernels and this process has \(current): "
            + "training continues correctly but not bit-identically to an uninterrupted run; "
            + "to continue exactly, resume with OPENBLAS_CORETYPE=\(written.uppercased()) set (if this CPU has those instructions)"
    }
}
