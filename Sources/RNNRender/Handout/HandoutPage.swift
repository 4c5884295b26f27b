import Foundation
import RNNTrace

/// The pages of a handout on one paper size: a title page, a lesson's page, a page to predict
/// on, and a figure with its two-line caption.
struct HandoutPage {
    let page: PageSize
    static let margin: Double = 36
    static let captionSize: Double = 13
    static let headingSize: Double = 26
    static let sectionSize: Double = 16
    static let bodySize: Double = 14

    var paper: Size { page.room }
    private var width: Double { paper.width - 2 * Self.margin }
    /// The height kept under a figure for its two caption lines.
    private var captionHeight: Double { 2 * Self.captionSize * 1.35 + 16 }
    /// The room a figure of a figure page is laid out for.
    var figureRoom: Size { Size(width: paper.width - 2 * Self.margin + 2 * Layout.margin, height: paper.height - Self.margin - captionHeight - 24) }

    /// The handout's first page: its title and, per lesson, its title and question.
    func titlePage(_ canvas: Canvas, title: String, sections: [HandoutSection]) {
        var y = Self.margin + 40
        y += Paragraph(text: title, size: 32, bold: true).draw(canvas, x: Self.margin, y: y, width: width) + 8
        y += Paragraph(text: "Recurrent neural networks, step by step: each lesson's question, its network and what it learnt, "
                       + "with its figures. Predict before you turn the page.", size: Self.bodySize)
            .draw(canvas, x: Self.margin, y: y, width: width, color: canvas.theme.secondaryText) + 24
        for section in sections {
            let name = section.trace?.lesson.title ?? section.comparison?.lesson.title ?? ""
            let question = section.trace.map { LessonStory(trace: $0).question } ?? "An experiment: \(section.comparison?.runs.count ?? 0) runs compared."
            let heading = Paragraph(text: name, size: Self.sectionSize, bold: true), body = Paragraph(text: question, size: 12)
            guard y + heading.height(canvas, width: width) + body.height(canvas, width: width) < paper.height - Self.margin else { break }
            y += heading.draw(canvas, x: Self.margin, y: y, width: width) + 2
            y += body.draw(canvas, x: Self.margin + 12, y: y, width: width - 12, color: canvas.theme.secondaryText) + 10
        }
    }

    /// A lesson's page: its question, its model, its result beside what it is measured against.
    func lessonPage(_ canvas: Canvas, trace: LessonTrace, story: LessonStory) {
        var y = Self.margin
        y += Paragraph(text: trace.lesson.title, size: Self.headingSize, bold: true).draw(canvas, x: Self.margin, y: y, width: width) + 4
        y += Paragraph(text: "\(trace.lesson.name) · from \(trace.lesson.source)", size: Self.bodySize)
            .draw(canvas, x: Self.margin, y: y, width: width, color: canvas.theme.secondaryText) + 20
        for (heading, lines) in [("The question", [story.question]), ("The model", [story.model]), ("The result", story.result)] {
            y += Paragraph(text: heading, size: Self.sectionSize, bold: true).draw(canvas, x: Self.margin, y: y, width: width) + 6
            for line in lines { y += Paragraph(text: line, size: Self.bodySize).draw(canvas, x: Self.margin, y: y, width: width) + 4 }
            y += 14
        }
    }

    /// A page to think on before the answer: the question alone.
    func predictPage(_ canvas: Canvas, trace: LessonTrace, story: LessonStory) {
        let y = paper.height / 3
        canvas.text("Predict first", x: Self.margin, y: y - 40, size: Self.sectionSize, color: canvas.theme.accent(1), bold: true, valign: .top)
        let used = Paragraph(text: story.predict, size: 22, bold: true).draw(canvas, x: Self.margin, y: y, width: width)
        canvas.text("\(trace.lesson.title) — the answer is on the next page.", x: Self.margin, y: y + used + 20, size: Self.bodySize,
                    color: canvas.theme.secondaryText, valign: .top)
    }

    /// A figure scaled into the page above its two caption lines.
    func figurePage(_ canvas: Canvas, figure: any Figure, caption: (String, String)) throws {
        let area = Rect(x: Self.margin - Layout.margin, y: Self.margin / 2, width: figureRoom.width, height: figureRoom.height)
        try figure.draw(canvas, in: area)
        let top = paper.height - Self.margin - captionHeight + 8
        canvas.fittedText(caption.0, x: Self.margin, y: top, maxWidth: width, size: Self.captionSize, minSize: 11, bold: true, valign: .top)
        canvas.fittedText(caption.1, x: Self.margin, y: top + Self.captionSize * 1.35, maxWidth: width, size: Self.captionSize, minSize: 11,
                          color: canvas.theme.secondaryText, valign: .top)
    }

    /// An experiment's page: what was compared, the references beside it.
    func comparisonPage(_ canvas: Canvas, comparison: ComparisonTrace) {
        var y = Self.margin
        y += Paragraph(text: "Experiment: \(comparison.lesson.title)", size: Self.headingSize, bold: true)
            .draw(canvas, x: Self.margin, y: y, width: width) + 12
        y += Paragraph(text: ComparisonLayout(comparison).byline, size: Self.bodySize)
            .draw(canvas, x: Self.margin, y: y, width: width, color: canvas.theme.secondaryText) + 16
        if !comparison.references.isEmpty {
            y += Paragraph(text: "What others measured", size: Self.sectionSize, bold: true).draw(canvas, x: Self.margin, y: y, width: width) + 6
            for reference in comparison.references {
                let values = reference.values.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; ")
                let text = reference.source + (reference.note.map { ": \($0)" } ?? "") + (values.isEmpty ? "" : " (\(values))")
                y += Paragraph(text: text, size: Self.bodySize).draw(canvas, x: Self.margin, y: y, width: width) + 6
            }
        }
        for note in comparison.notes { y += Paragraph(text: note, size: 12).draw(canvas, x: Self.margin, y: y + 6, width: width) + 6 }
    }
}
