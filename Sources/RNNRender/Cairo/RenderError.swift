import CCairo
import CGIF

/// A figure could not be drawn or written; the message is one line meant for a person.
public enum RenderError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Cairo reported a failure while doing `operation`.
    case cairo(operation: String, status: String)
    /// The figure needs data the trace does not have.
    case notAvailable(figure: String, reason: String)
    /// A size or parameter is out of range.
    case invalidArgument(String)
    /// PNG bytes could not be decoded.
    case decodeFailed(String)
    /// giflib reported a failure (its error code) while doing `operation`.
    case gif(operation: String, code: Int32)

    /// A one-line description.
    public var description: String {
        switch self {
        case .cairo(let operation, let status): "Cairo failed to \(operation): \(status)"
        case .notAvailable(let figure, let reason): "Figure '\(figure)' is not available: \(reason)"
        case .invalidArgument(let message): "Invalid argument: \(message)"
        case .decodeFailed(let message): "Could not decode PNG: \(message)"
        case .gif(let operation, let code):
            "giflib failed to \(operation)" + (code == 0 ? "" : ": " + (GifErrorString(code).map { String(cString: $0) } ?? "error \(code)"))
        }
    }

    /// Throws `.cairo` when `status` is not success.
    static func check(_ status: cairo_status_t, _ operation: String) throws {
        guard status != CAIRO_STATUS_SUCCESS else { return }
        throw RenderError.cairo(operation: operation, status: String(cString: cairo_status_to_string(status)))
    }
}
