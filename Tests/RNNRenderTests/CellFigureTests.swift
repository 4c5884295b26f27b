import Foundation
import Testing
@testable import RNNRender

/// The cell hunter's figures: they fill a slide with readable text, start at a whole line, and
/// colour each character by the unit's value.
@Suite struct CellFigureTests {
    /// A counting unit over short lines of verse-like text: the value rises along the line and
    /// drops to −1 at each line break.
    static func portrait(lineLength: Int = 42, lines: Int = 60) -> CellPortrait {
        var characters: [String] = Array("rest of a line\n".map(String.init))
        for line in 0..<lines {
            characters += (0..<lineLength).map { String(UnicodeScalar(UInt8(97 + ($0 + line) % 26))) } + ["\n"]
        }
        var position = 0
        var values: [Float] = [], probe: [Float] = []
        for character in characters {
            position = character == "\n" ? 0 : position + 1
            probe.append(Float(position))
            values.append(character == "\n" ? -1 : min(1, Float(position) / Float(lineLength)))
        }
        return CellPortrait(
            unit: "c[7]", probe: "position", probeMeaning: "characters since the line break", r: 0.97, characters: characters,
            values: values, probeValues: probe, subtitle: "synthetic at iteration 10 (trained) reading its held-out text")
    }

    @Test(arguments: [42, 100, 300])
    func theTextFigureFillsASlideWithReadableText(lineLength: Int) throws {
        let figure = CellTextFigure(Self.portrait(lineLength: lineLength), room: PageSize.widescreen.room)
        let measured = try figure.size(try Document.measuringCanvas())
        #expect(measured.width <= 960.5 && measured.height <= 540.5, "\(measured)")
        let (image, smallest) = try SlideSizeTests.draw(figure, page: .widescreen)
        #expect(image.width == 960 && image.height == 540)
        #expect(smallest >= SlideSizeTests.smallestText, "text \(smallest) px at 540p")
        // The first line shown is the first whole line: the text before the first break is left out.
        let first = try #require(figure.lines.first)
        #expect(figure.portrait.characters[first[0]] == "a")
        #expect(figure.lines.allSatisfy { $0.count <= CellTextFigure.longestLine })
    }

    @Test func theScatterFillsASlideAndNamesTheUnitAndR() throws {
        let figure = CellScatterFigure(Self.portrait(), room: PageSize.widescreen.room)
        #expect(figure.figure.header.title == "c[7] against the position probe: r = 0.97")
        let (image, smallest) = try SlideSizeTests.draw(figure, page: .widescreen)
        #expect(image.width == 960 && image.height == 540 && smallest >= SlideSizeTests.smallestText)
        let means = try #require(figure.figure.plot.series.last)
        #expect(means.points.first?.y == -1 && means.points.last.map { $0.y > 0.9 } == true, "the mean rises along the line")
    }

    @Test func bothFiguresAreWrittenNamedAfterTheProbe() throws {
        let files = try CellFigures.render(Self.portrait(), format: .png, scale: 1)
        #expect(files.map(\.name) == ["text-position.png", "scatter-position.png"])
        var regex = Self.portrait()
        regex.probe = "regex:[aeiou]"
        #expect(try CellFigures.render(regex, format: .svg, scale: 1).map(\.name) == ["text-regex.svg", "scatter-regex.svg"])
    }
}
