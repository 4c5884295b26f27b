import Foundation
import Testing
@testable import RNNRender

@Suite struct CanvasTests {
    @Test func formatsHaveTheirSignatures() throws {
        for format in OutputFormat.allCases {
            let bytes = try Document.render(width: 120, height: 80, format: format) { canvas in
                canvas.text("hello", x: 10, y: 40, size: 14)
            }
            let head = String(decoding: bytes.prefix(6), as: UTF8.self)
            switch format {
            case .png: #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
            case .svg: #expect(head.hasPrefix("<?xml") || head.hasPrefix("<svg"))
            case .pdf: #expect(head.hasPrefix("%PDF"))
            }
        }
    }

    @Test func pngHasScaledPixelSize() throws {
        let image = try PNGDecoder.decode(try Document.render(width: 100, height: 50, format: .png, scale: 2) { _ in })
        #expect(image.width == 200 && image.height == 100)
    }

    @Test func badSizesThrowAClearError() {
        #expect(throws: RenderError.self) { try Document.render(width: 0, height: 10, format: .png) { _ in } }
        #expect(throws: RenderError.self) { try PNGDecoder.decode([1, 2, 3]) }
    }

    @Test func heatmapLargestValueHasTheMapsTopColour() throws {
        let canvas = try Document.measuringCanvas()
        let map = Heatmap(title: nil, values: [[0.1, 0.5], [1.0, 0.2]], rowLabels: ["a", "b"], columnLabels: ["x", "y"],
                          scale: .unit, colorBarLabel: "v", xAxisLabel: nil, yAxisLabel: nil, cellWidth: 40, cellHeight: 30)
        let size = map.size(canvas)
        let image = try PNGDecoder.decode(try Document.render(width: size.width + 20, height: size.height + 20, format: .png,
                                                              scale: 1) { try map.draw($0, x: 10, y: 10) })
        let left = 10 + map.leftWidth(canvas)
        // Cell (row 1, column 0) holds 1.0: sample near its corner, away from the value text.
        #expect(close(pixel(image, left + 3, 10 + 30 + 3), ColorMap.viridis.color(at: 1).bytes, 2))
        #expect(close(pixel(image, left + 40 + 3, 10 + 3), ColorMap.viridis.color(at: 0.5).bytes, 2))
    }

    @Test func countingAxesGetIntegerTicks() {
        for upper in [1.0, 2, 3, 4, 5, 7, 9, 13, 22, 49] {
            let ticks = Ticks.nice(0, upper, count: 8, integer: true)
            #expect(!ticks.isEmpty && ticks.allSatisfy { $0.rounded() == $0 }, "0…\(upper): \(ticks)")
        }
        #expect(Ticks.nice(0, 3, count: 8).contains(0.5), "a 4-step axis without the integer rule")
    }

    @Test func unitNumbersAreThinnedToRoundNumbers() {
        func shown(_ count: Int, _ spacing: Int) -> [Int] { Layout.roundNumberedLabels(count: count, labelSpacing: spacing) }
        #expect(shown(5, 1) == [0, 1, 2, 3, 4])
        #expect(shown(25, 3) == [0, 5, 10, 15, 20])
        #expect(shown(25, 5) == [0, 5, 10, 15, 20])
        #expect(shown(128, 7) == [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120])
    }

    @Test func gateColourBarsNameTheGate() {
        #expect(GatesFigure.name("i") == "input gate i")
        #expect(GatesFigure.name("g") == "candidate g")
    }
}
