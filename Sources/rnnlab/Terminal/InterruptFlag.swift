import Foundation

/// Set by the SIGINT handler; read by the training loop between iterations.
nonisolated(unsafe) private var interruptRequested: sig_atomic_t = 0

/// Ctrl-C as a request to stop: the first one sets a flag that training checks between
/// iterations (so files are never left half-written); a second one ends the process at once.
enum InterruptFlag {
    /// Installs the handler.
    static func install() {
        // A parent may have blocked SIGINT (the mask is inherited across exec): unblock it.
        var mask = sigset_t()
        sigemptyset(&mask)
        sigaddset(&mask, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &mask, nil)
        signal(SIGINT) { _ in
            interruptRequested = 1
            signal(SIGINT, SIG_DFL)
        }
    }

    /// Whether Ctrl-C was pressed.
    static var isSet: Bool { interruptRequested != 0 }

    /// The exit status of a process stopped by SIGINT.
    static let exitStatus: Int32 = 130
}
