import ArgumentParser
import RNNCore
import RNNRender

// The library enums that appear as command-line values, parsed from their raw values.
extension CellKind: ExpressibleByArgument {}
extension OutputFormat: ExpressibleByArgument {}
extension FigureKind: ExpressibleByArgument {}
extension ArchitectureKind: ExpressibleByArgument {}
