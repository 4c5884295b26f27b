import Foundation
import RNNLessons
import RNNRender
import RNNTrace

/// A comparison (`rnnlab compare`) as one self-contained HTML page: what was varied, the table
/// of results with the references beside them, and the comparison's figures — for a course site
/// or a student without the tool. It needs no script: a page to read.
struct ComparisonPage {
    var trace: ComparisonTrace
    var figures: [FigureGallery.Item]

    /// The page of `trace`, its figures drawn at `figureScale` pixels per point.
    init(trace: ComparisonTrace, figureScale: Double = LessonPage.defaultFigureScale) throws {
        self.trace = trace
        let kinds = ComparisonFigure.available(for: trace)
        let drawn = Concurrently.map(kinds) { try $0.render(trace, format: .png, scale: figureScale) }
        figures = try zip(kinds, drawn).map { kind, png in
            FigureGallery.Item(
                id: "figure-\(kind.rawValue)", heading: Self.heading(kind), caption: Self.caption(kind), png: try png.get(),
                scale: figureScale)
        }
    }

    /// The page.
    var document: HTMLDocument {
        let table = ComparisonTable(trace: trace)
        var body = [
            "<header>",
            "<h1>\(HTMLText.escape(trace.lesson.title))</h1>",
            "<p class=\"byline\">\(HTMLText.escape("rnnlab compare \(trace.lesson.name) · \(trace.lesson.source)"))</p>",
            "</header>",
            "<main>",
            "<section aria-labelledby=\"results\">",
            "<h2 id=\"results\">\(HTMLText.escape(table.title))</h2>",
            Self.table(table.rows),
        ]
        let byLength = table.lengthRows
        if !byLength.isEmpty { body += ["<h3>\(HTMLText.escape(table.lengthCaption))</h3>", Self.table(byLength)] }
        body += table.notes.map { "<p>\(HTMLText.escape($0))</p>" }
        body += ["</section>", FigureGallery(heading: "The comparison’s figures", items: figures).html, "</main>"]
        return HTMLDocument(title: "\(trace.lesson.name) — rnnlab compare", style: PageStyle.css, body: body.joined(separator: "\n"))
    }

    /// Writes the page of `trace` as `NAME.html` in `folder` (atomically) and returns the file.
    @discardableResult
    static func write(_ trace: ComparisonTrace, into folder: URL, figureScale: Double) throws -> URL {
        let url = folder.appendingPathComponent("\(trace.lesson.name).html")
        try AtomicFile.write(try ComparisonPage(trace: trace, figureScale: figureScale).document.html, to: url)
        return url
    }

    /// Rows as an HTML table, the first row its header.
    static func table(_ rows: [[String]]) -> String {
        guard let header = rows.first else { return "" }
        var lines = ["<div class=\"table\"><table>", "<thead><tr>" + header.map { "<th>\(HTMLText.escape($0))</th>" }.joined() + "</tr></thead>", "<tbody>"]
        for row in rows.dropFirst() { lines.append("<tr>" + row.map { "<td>\(HTMLText.escape($0))</td>" }.joined() + "</tr>") }
        lines += ["</tbody>", "</table></div>"]
        return lines.joined(separator: "\n")
    }

    /// A figure's heading.
    static func heading(_ figure: ComparisonFigure) -> String {
        switch figure {
        case .loss: "Training loss"
        case .sweep: "The metric against the varied number"
        case .gradientFlow: "Gradient flow back in time"
        case .length: "Exact match against input length"
        case .attention: "Where the decoder looks"
        }
    }

    /// What a figure shows, in a sentence.
    static func caption(_ figure: ComparisonFigure) -> String {
        switch figure {
        case .loss: "Every variant's training loss; the band spans the seeds."
        case .sweep: "Each variant's result as the varied number grows, beside the baseline and the references; hollow points are not solved."
        case .gradientFlow: "How much of the last step's error reaches each earlier step, trained (solid) and at initialisation (dashed)."
        case .length: "Held-out strings answered exactly (solid) and letter by letter (dashed) by length; the trained lengths shaded."
        case .attention: "The attention on held-out strings of a few lengths: answer letters against input letters."
        }
    }
}
