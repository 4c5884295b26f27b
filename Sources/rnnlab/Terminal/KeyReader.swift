import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads keys from a terminal with a short timeout, so that the caller can notice a resize
/// between keys.
struct KeyReader {
    /// The file to read (standard input).
    var fd: Int32 = STDIN_FILENO
    private var decoder = KeyDecoder()

    init(fd: Int32 = STDIN_FILENO) { self.fd = fd }

    /// The keys that arrive within `timeout` milliseconds (possibly none). Returns `nil` at end
    /// of input (the terminal went away).
    mutating func next(timeout: Int32 = 100) -> [Key]? {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let ready = poll(&poller, 1, timeout)
        if ready <= 0 {
            // Timeout or a signal (SIGWINCH): an unfinished Esc sequence was a lone Esc.
            return decoder.pending.isEmpty ? [] : decoder.decode([], final: true)
        }
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count < 0 { return errno == EINTR || errno == EAGAIN ? [] : nil }
        if count == 0 { return (poller.revents & Int16(POLLHUP)) != 0 ? nil : [] }
        return decoder.decode(Array(buffer[0..<count]))
    }
}
