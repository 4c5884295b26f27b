import Foundation
import RNNRender

/// The names of the figures and step frames a run draws into a lesson's folder, in any format:
/// a run replaces those of an earlier run (`LessonRunner.isFigureFile`), whether or not it draws
/// figures itself, so that the folder never shows an earlier run's figures beside a new trace.
enum FigureFileNames {
    /// Whether `path`, inside a lesson's folder, is a figure (`gates.svg`) or a step frame
    /// (`steps/step-03.png`).
    @Sendable static func contains(_ path: String) -> Bool {
        if figures.contains(path) { return true }
        guard path.hasPrefix("steps/step-") else { return false }
        let name = path.dropFirst("steps/".count)
        return !name.contains("/") && extensions.contains(URL(fileURLWithPath: String(name)).pathExtension)
    }

    private static let figures = Set(FigureKind.allCases.flatMap { figure in OutputFormat.allCases.map(figure.fileName) })
    private static let extensions = Set(OutputFormat.allCases.map(\.fileExtension))
}
