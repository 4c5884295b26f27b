import Foundation

/// A PDF read back with poppler's `pdftotext` and `pdfinfo` (installed by `make test` when it
/// can; tests that need them say so and are skipped without them).
enum PDFText {
    /// The tool named `name` on the PATH, or `nil`.
    static func tool(_ name: String) -> URL? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Whether pdftotext and pdfinfo are there.
    static var available: Bool { tool("pdftotext") != nil && tool("pdfinfo") != nil }

    /// The output of `tool arguments…`.
    private static func run(_ name: String, _ arguments: [String]) throws -> String {
        guard let executable = tool(name) else { throw CocoaError(.fileNoSuchFile) }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// The text of `url`, laid out as on the page.
    static func text(_ url: URL) throws -> String { try run("pdftotext", ["-layout", url.path, "-"]) }

    /// The number of pages of `url`.
    static func pages(_ url: URL) throws -> Int? {
        let info = try run("pdfinfo", [url.path])
        return info.split(separator: "\n").first { $0.hasPrefix("Pages:") }
            .flatMap { Int($0.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)) }
    }
}
