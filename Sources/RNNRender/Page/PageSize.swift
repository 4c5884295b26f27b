/// The size a figure is drawn for: a slide, a printed page, or as large as its content.
///
/// On a page the figure's content is laid out for the page (large layers summarised, long
/// inputs windowed, so that text stays readable) and then scaled to fill it, centred. PNG pages
/// have `scale` pixels per point: at the default 2, `16:9` is 1920×1080 pixels.
public enum PageSize: String, CaseIterable, Sendable {
    /// A 16:9 slide, 960×540 points (1920×1080 pixels at scale 2).
    case widescreen = "16:9"
    /// A4 landscape, 297×210 mm (842×595 points).
    case a4
    /// As large as the content, laid out for a 16:9 slide but not padded to it.
    case natural

    /// The page in points, or `nil` for `natural`.
    public var points: (width: Double, height: Double)? {
        switch self {
        case .widescreen: (960, 540)
        case .a4: (841.89, 595.28)
        case .natural: nil
        }
    }

    /// The room a figure's content is laid out for, margins included.
    var room: Size {
        let page = points ?? PageSize.widescreen.points!
        return Size(width: page.width, height: page.height)
    }

    /// The smallest text on a page, in points: 20 pixels on a 1080-pixel-high slide, the same
    /// share of the height on any page (10 points on 16:9).
    static let smallestTextShare = 10.0 / 540

    /// The smallest text size allowed on this page, in points.
    var smallestText: Double { room.height * Self.smallestTextShare }
}

/// How a figure of `content` size sits on a page: scaled to fill it (at most doubled; shrunk only
/// when the content is larger than the page, which the figures' layouts avoid) and centred.
struct PageFit: Equatable {
    /// Points of the page per point of the figure.
    var scale: Double
    /// The figure's top left corner on the page.
    var x: Double
    var y: Double

    /// The most a small figure is enlarged.
    static let largestScale = 2.0

    init(content: Size, page: Size) {
        scale = min(page.width / max(content.width, 1), page.height / max(content.height, 1), Self.largestScale)
        x = (page.width - content.width * scale) / 2
        y = (page.height - content.height * scale) / 2
    }
}
