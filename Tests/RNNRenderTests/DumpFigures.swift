import Foundation
import RNNRender
import Testing

/// Writes every figure of every synthetic trace to `$RNNLAB_DUMP_FIGURES` (e.g. /tmp/render-check),
/// for looking at them; reported as skipped when the variable is not set.
@Test(.enabled(if: !(ProcessInfo.processInfo.environment["RNNLAB_DUMP_FIGURES"] ?? "").isEmpty, "set RNNLAB_DUMP_FIGURES=DIR to write the figures"))
func dumpFiguresForInspection() throws {
    let folder = ProcessInfo.processInfo.environment["RNNLAB_DUMP_FIGURES"]!
    for (name, trace) in SyntheticTraces.all {
        for figure in FigureRenderer.availableFigures(for: trace) {
            let clock = ContinuousClock(), start = clock.now
            let bytes = try FigureRenderer.render(figure, trace: trace, format: .png, scale: 2)
            let elapsed = clock.now - start
            print("render-time \(name)/\(figure.rawValue): \(elapsed.components.attoseconds / 1_000_000_000_000_000 + elapsed.components.seconds * 1000) ms, \(bytes.count / 1024) KiB")
            try writeTestFile(bytes, to: "\(folder)/\(name)/\(figure.fileName(.png))")
        }
        for t in Set([0, trace.steps.count / 2, trace.steps.count - 1]).sorted() {
            let bytes = try FigureRenderer.renderStep(t: t, trace: trace, format: .png, scale: 1)
            try writeTestFile(bytes, to: "\(folder)/\(name)/\(FigureKind.stepFileName(t, format: .png))")
        }
        for t in 0..<FigureRenderer.decoderStepCount(for: trace) {
            let bytes = try FigureRenderer.renderDecoderStep(t: t, trace: trace, format: .png, scale: 2)
            try writeTestFile(bytes, to: "\(folder)/\(name)/\(FigureKind.decoderStepFileName(t, trace: trace, format: .png))")
        }
    }
    for kind in ArchitectureKind.allCases {
        let bytes = try ArchitectureDiagram.render(kind: kind, format: .png, scale: 1)
        try writeTestFile(bytes, to: "\(folder)/architecture/\(kind.rawValue).png")
    }
}


/// Writes a file for a test, creating its folder.
func writeTestFile(_ bytes: [UInt8], to path: String) throws {
    let url = URL(fileURLWithPath: path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: url)
}

/// Writes the first, middle and last frames of the GIF at `$RNNLAB_GIF` as PNG files next to it,
/// for looking at them; does nothing when the variable is not set.
@Test func dumpGIFFramesForInspection() throws {
    guard let path = ProcessInfo.processInfo.environment["RNNLAB_GIF"], !path.isEmpty else { return }
    let frames = try GIFDecoder.decode([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
    print("frames \(frames.count), delays \(frames.map(\.delay))")
    for k in Set([0, frames.count / 2, frames.count - 1]).sorted() {
        try writeTestFile(try frames[k].image.png(), to: "\(path)-frame-\(k).png")
    }
}
