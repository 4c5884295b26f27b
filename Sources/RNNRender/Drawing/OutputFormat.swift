/// The file formats a figure can be written as.
public enum OutputFormat: String, CaseIterable, Sendable {
    /// A raster image; `scale` pixels per point.
    case png
    /// Scalable vector graphics, sized in points.
    case svg
    /// A one-page PDF, sized in points, with fixed dates so output is reproducible.
    case pdf

    /// The file name extension.
    public var fileExtension: String { rawValue }
}
