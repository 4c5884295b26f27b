import ArgumentParser
import Foundation
import RNNLessons
import RNNRender

/// `rnnlab diagram`: the lecture's architecture shapes, drawn without a model.
struct DiagramCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diagram",
        abstract: "Draw the lecture's architecture shapes: \(ArchitectureKind.allCases.map(\.rawValue).joined(separator: ", ")).")

    @Argument(help: "Which shape; all of them when omitted.")
    var kinds: [ArchitectureKind] = []

    @Option(name: .long, help: "Where to write.")
    var out: String = "output/diagrams"

    @Option(name: .long, help: "png, svg or pdf.")
    var format: OutputFormat = .png

    @Option(name: .long, parsing: .unconditional, help: "Pixels per point for PNG.")
    var scale: Double = 2

    func run() throws {
        for kind in kinds.isEmpty ? ArchitectureKind.allCases : kinds {
            let url = URL(fileURLWithPath: out).appendingPathComponent("\(kind.rawValue).\(format.fileExtension)")
            try AtomicFile.write(ArchitectureDiagram.render(kind: kind, format: format, scale: scale), to: url)
            print(url.relativePath)
        }
    }
}

