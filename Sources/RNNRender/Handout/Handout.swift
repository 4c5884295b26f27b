import Foundation
import RNNTrace

/// One lesson of a handout: its run, the comparison of its experiment and the cells the cell
/// hunter found, where there are such.
public struct HandoutSection: Sendable {
    /// The lesson's trace (`rnnlab run`), or `nil` for an experiment known by its comparison only.
    public var trace: LessonTrace?
    /// The comparison of the lesson's variants (`rnnlab compare`), when it has been run.
    public var comparison: ComparisonTrace?
    /// What `rnnlab cells` found in the lesson's model, when it has been run.
    public var cells: CellHuntRecord?

    /// Creates a section.
    public init(trace: LessonTrace?, comparison: ComparisonTrace? = nil, cells: CellHuntRecord? = nil) {
        self.trace = trace
        self.comparison = comparison
        self.cells = cells
    }
}

/// `rnnlab handout`: the lessons as one PDF for a class — a title page; per lesson the question
/// it answers, the model and the result beside what it is measured against; a page to predict
/// on and the page that answers it; every figure with two lines computed from its numbers; the
/// comparison's figures where an experiment was run, and the cell hunter's where it was run.
public enum Handout {
    /// The PDF of `sections` on `page` (`natural` is drawn on A4).
    public static func render(_ sections: [HandoutSection], title: String, page: PageSize = .a4) throws -> [UInt8] {
        let pages = try self.pages(sections, title: title, page: page)
        let paper = (page.points ?? PageSize.a4.points!)
        let count = pages.count
        return try PDFBook.render(width: paper.width, height: paper.height, pages: pages.enumerated().map { number, draw in
            { canvas in
                try draw(canvas)
                if number > 0 {
                    canvas.text("\(number + 1) / \(count)", x: paper.width - HandoutPage.margin, y: paper.height - 18, size: 10,
                                color: canvas.theme.secondaryText, align: .right, valign: .bottom)
                }
            }
        })
    }

    /// The number of pages `render` writes.
    public static func pageCount(_ sections: [HandoutSection]) -> Int {
        1 + sections.map { section in
            var count = 0
            if let trace = section.trace { count += 3 + figures(trace).count }
            if let comparison = section.comparison { count += 1 + ComparisonFigure.available(for: comparison).count }
            if let cells = section.cells { count += 2 * cells.findings.count }
            return count
        }.reduce(0, +)
    }

    /// A lesson's figure pages: every figure of the trace but the one the reveal page shows.
    static func figures(_ trace: LessonTrace) -> [FigureKind] {
        let reveal = LessonStory(trace: trace).revealFigure
        return FigureRenderer.availableFigures(for: trace).filter { $0 != reveal }
    }

    private static func pages(_ sections: [HandoutSection], title: String, page: PageSize) throws -> [(Canvas) throws -> Void] {
        let layout = HandoutPage(page: page == .natural ? .a4 : page)
        var pages: [(Canvas) throws -> Void] = [{ layout.titlePage($0, title: title, sections: sections) }]
        for section in sections {
            if let trace = section.trace {
                let story = LessonStory(trace: trace)
                pages.append { layout.lessonPage($0, trace: trace, story: story) }
                pages.append { layout.predictPage($0, trace: trace, story: story) }
                let reveal = try FigureRenderer.make(story.revealFigure, trace, room: layout.figureRoom)
                pages.append { try layout.figurePage($0, figure: reveal, caption: ("Answer: " + story.reveal, FigureCaption.lines(story.revealFigure, trace).0)) }
                for kind in figures(trace) {
                    let figure = FigureRenderer.make(kind, trace, room: layout.figureRoom)
                    pages.append { try layout.figurePage($0, figure: figure, caption: FigureCaption.lines(kind, trace)) }
                }
            }
            if let comparison = section.comparison {
                pages.append { layout.comparisonPage($0, comparison: comparison) }
                for kind in ComparisonFigure.available(for: comparison) {
                    let figure = try kind.figure(comparison, room: layout.figureRoom)
                    pages.append { try layout.figurePage($0, figure: figure, caption: ComparisonCaption.lines(kind, comparison)) }
                }
            }
            for portrait in section.cells?.portraits ?? [] {
                let causal = section.cells?.findings.first { $0.probe == portrait.probe }?.causal
                let captions = CellCaption.lines(portrait, causal: causal)
                let text = CellTextFigure(portrait, room: layout.figureRoom)
                let scatter = CellScatterFigure(portrait, room: layout.figureRoom)
                pages.append { try layout.figurePage($0, figure: text, caption: captions.text) }
                pages.append { try layout.figurePage($0, figure: scatter, caption: captions.scatter) }
            }
        }
        return pages
    }
}
