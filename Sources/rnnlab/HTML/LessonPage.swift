import Foundation
import RNNLessons
import RNNTrace

/// A lesson as one HTML page that any browser opens offline: the title and result, the
/// step-through (the unrolled network with the current step marked, the step's vectors and the
/// most likely next tokens, predict-then-reveal, a slider through the training snapshots), and
/// the lesson's figures below.
///
/// The step-through is drawn by the page's script from the numbers in the page, which keeps the
/// file small; the figures are PNGs inside it. Same traces, same bytes.
struct LessonPage {
    /// The figures' pixels per point: a pixel a point, as a projector shows them, which keeps
    /// every shipped lesson's page near a megabyte (`--scale 2` for sharp figures on retina screens).
    static let defaultFigureScale = 1.0

    var traces: LessonTraces
    var figures: [FigureGallery.Item]

    /// The page of `traces`, its figures drawn at `figureScale` pixels per point.
    init(traces: LessonTraces, figureScale: Double = defaultFigureScale) throws {
        self.traces = traces
        figures = try FigureGallery.figures(of: traces.trace, scale: figureScale)
    }

    /// The file's text.
    var html: String { document.html }

    /// The page.
    var document: HTMLDocument {
        let trace = traces.trace
        let data = LessonPageData(traces)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(data)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        let body = [
            header(trace),
            "<main>",
            Self.stepper(viewCount: data.views.count),
            FigureGallery(heading: "The lesson’s figures", items: figures).html,
            "</main>",
            Self.footer,
        ].joined(separator: "\n")
        return HTMLDocument(title: "\(trace.lesson.title) — RNNLab", style: PageStyle.css, body: body,
                            data: [("lesson-data", json)], script: PageScript.source)
    }

    private func header(_ trace: LessonTrace) -> String {
        let details = [trace.model.caption, trace.training.optimizer, trace.lesson.source].filter { !$0.isEmpty }
        return """
            <header>
            <h1>\(HTMLText.escape(trace.lesson.title))</h1>
            <p class="subtitle">\(HTMLText.escape(details.joined(separator: " · ")))</p>
            <p class="result">\(HTMLText.escape(trace.summary))</p>
            </header>
            """
    }

    /// The step-through's elements, filled by the script; `viewCount` positions on the slider.
    private static func stepper(viewCount: Int) -> String {
        let last = viewCount - 1
        return """
            <section id="stepper" aria-label="Step through the network">
            <noscript><p>The step-through needs JavaScript; the figures below are pictures and need nothing.</p></noscript>
            <div class="toolbar">
            <div class="nav" role="group" aria-label="Steps">
            <button type="button" data-action="first" title="first step (Home)">⇤<span class="wide"> first</span></button>
            <button type="button" data-action="back" title="back (← or p)">◀<span class="wide"> back</span></button>
            <button type="button" data-action="next" title="next (→, n or space)"><span class="wide">next </span>▶</button>
            <button type="button" data-action="last" title="last step (End)"><span class="wide">last </span>⇥</button>
            <button type="button" data-action="reveal" id="reveal-button" aria-pressed="false" title="predict-then-reveal (r)">r</button>
            </div>
            <div class="training"\(viewCount > 1 ? "" : " hidden")>
            <label for="snapshot">training</label>
            <input type="range" id="snapshot" min="0" max="\(last)" step="1" value="\(last)">
            <div id="snapshot-ticks" class="ticks" aria-hidden="true"></div>
            </div>
            </div>
            <p id="snapshot-label" class="snapshot-label"></p>
            <p id="caption" class="caption" aria-live="polite"></p>
            <div id="unrolled" class="unrolled"></div>
            <p id="outcome" class="outcome" aria-live="polite"></p>
            <div class="details">
            <div id="vectors" class="vectors"></div>
            <div id="bars" class="bars"></div>
            </div>
            <div id="legend" class="legend"></div>
            <p class="keys">Keys: → n space next · ← p back · Home End first / last · r predict-then-reveal · ↑ ↓ training snapshot. \
            Click a step to go to it.</p>
            </section>
            """
    }

    private static let footer = """
        <footer><p>Written by <code>rnnlab html</code>. Everything is in this one file: it works offline, from a USB stick, \
        and asks no server for anything.</p></footer>
        """
}
