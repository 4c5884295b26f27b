import Foundation

/// Runs the built `rnnlab` binary of the configuration under test and collects what it printed.
struct RNNLabProcess {
    /// The package root.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The binary next to the test bundle (`.build/<config>/rnnlab`), else the debug or release one.
    static let binary: URL? = {
        var candidates: [URL] = []
        for start in [Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0])] {
            var folder = start.deletingLastPathComponent()
            for _ in 0..<3 {
                candidates.append(folder.appendingPathComponent("rnnlab"))
                folder.deleteLastPathComponent()
            }
        }
        candidates += ["debug", "release"].map { root.appendingPathComponent(".build/\($0)/rnnlab") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// The exit status, standard output and standard error of one run.
    struct Result {
        var status: Int32
        var output: String
        var error: String
        /// Standard error's lines.
        var errorLines: [String] { error.split(separator: "\n").map(String.init) }
    }

    /// Runs `rnnlab arguments…` in `folder` (the package root by default) with `standardInput`
    /// piped in (when given); `interruptAfter` sends SIGINT after that many seconds.
    static func run(
        _ arguments: [String], in folder: URL = root, standardInput: String? = nil, interruptAfter: Double? = nil
    ) throws -> Result {
        guard let binary else { throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "rnnlab is not built"]) }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        let input = Pipe()
        if standardInput != nil { process.standardInput = input }
        try process.run()
        if let standardInput {
            input.fileHandleForWriting.write(Data(standardInput.utf8))
            try input.fileHandleForWriting.close()
        }
        if let interruptAfter {
            Thread.sleep(forTimeInterval: interruptAfter)
            process.interrupt()
        }
        // A run that hangs is ended, so the test fails instead of waiting forever.
        DispatchQueue.global().asyncAfter(deadline: .now() + 120) { [process] in
            if process.isRunning { process.terminate() }
        }
        // Read before waiting, so a full pipe cannot block the child.
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self),
            error: String(decoding: errorData, as: UTF8.self))
    }

    /// A started `rnnlab` that the test signals or waits for.
    final class Running: @unchecked Sendable {
        let process = Process()
        private let output = Pipe(), error = Pipe()

        fileprivate init(_ arguments: [String], in folder: URL, binary: URL) throws {
            process.executableURL = binary
            process.arguments = arguments
            process.currentDirectoryURL = folder
            process.standardOutput = output
            process.standardError = error
            try process.run()
        }

        /// Sends `signal` (SIGKILL, SIGINT) to the process.
        func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

        /// Waits for the process to end and returns what it printed.
        func finish() -> Result {
            let outData = output.fileHandleForReading.readDataToEndOfFile()
            let errorData = error.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return Result(
                status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self),
                error: String(decoding: errorData, as: UTF8.self))
        }
    }

    /// Starts `rnnlab arguments…` in `folder` without waiting for it.
    static func launch(_ arguments: [String], in folder: URL = root) throws -> Running {
        guard let binary else { throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "rnnlab is not built"]) }
        return try Running(arguments, in: folder, binary: binary)
    }

    /// A new empty temporary folder.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rnnlab-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
