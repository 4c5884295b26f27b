import ArgumentParser
import RNNRender
import RNNTrace

// The library enums that appear as command-line values, parsed from their raw values.
extension CellKind: ExpressibleByArgument {}
extension OutputFormat: ExpressibleByArgument {}
extension FigureKind: ExpressibleByArgument {}
extension ArchitectureKind: ExpressibleByArgument {}
extension PageSize: ExpressibleByArgument {
    /// The help text of every `--size` option.
    static let help = ArgumentHelp(
        "The figures' size: 16:9 (a slide, 1920×1080 pixels at --scale 2), a4 (landscape) or natural (as large as the content).")
}
