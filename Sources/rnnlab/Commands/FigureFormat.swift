import ArgumentParser

/// The file format of the figures.
enum FigureFormat: String, CaseIterable, ExpressibleByArgument {
    case png, svg, pdf
}
