import ArgumentParser
import Foundation
import RNNLessons
import RNNRender

/// `rnnlab diagram`: the lecture's architecture shapes, drawn without a model, each naming the
/// lessons that run it.
struct DiagramCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diagram",
        abstract: "Draw the lecture's architecture shapes: \(ArchitectureKind.allCases.map(\.rawValue).joined(separator: ", ")).",
        discussion: "--all draws the lecture's five shapes as one figure (shapes.png), in the slide's order.")

    @Argument(help: "Which shape; each in its own file when none is named.")
    var kinds: [ArchitectureKind] = []

    @Flag(name: .long, help: "The lecture's five shapes side by side in one figure, shapes.png.")
    var all = false

    @OptionGroup var folder: LessonsFolder

    @Option(name: .long, help: "Where to write.")
    var out: String = "output/diagrams"

    @Option(name: .long, help: "png, svg or pdf.")
    var format: OutputFormat = .png

    @Option(name: .long, parsing: .unconditional, help: "Pixels per point for PNG.")
    var scale: Double = 2

    @Option(name: .long, help: PageSize.help)
    var size: PageSize = .widescreen

    func validate() throws {
        if all && !kinds.isEmpty { throw ValidationError("--all draws the five shapes; name no shape with it") }
    }

    func run() throws {
        let lessons = (try? folder.catalog())?.lessonsByShape() ?? [:]
        func write(_ bytes: [UInt8], _ name: String) throws {
            let url = URL(fileURLWithPath: out).appendingPathComponent("\(name).\(format.fileExtension)")
            try AtomicFile.write(bytes, to: url)
            print(url.relativePath)
        }
        if all {
            try write(ArchitectureDiagram.renderLectureShapes(lessons: lessons, format: format, scale: scale, page: size), "shapes")
            return
        }
        for kind in kinds.isEmpty ? ArchitectureKind.allCases : kinds {
            try write(ArchitectureDiagram.render(kind: kind, lessons: lessons[kind] ?? [], format: format, scale: scale, page: size), kind.rawValue)
        }
    }
}
