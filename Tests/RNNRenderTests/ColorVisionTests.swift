import Foundation
import Testing
@testable import RNNRender

/// What the figures tell by colour survives red–green colour blindness (simulated after Machado
/// et al. 2009): right and wrong stay apart, and every colour map still reads as a scale.
@Suite struct ColorVisionTests {
    /// Apart at a glance: a CIE76 difference of at least 30.
    static let distinct = 30.0

    @Test(arguments: ColorVision.allCases)
    func rightAndWrongStayDistinct(_ vision: ColorVision) {
        let theme = Theme.light
        #expect(vision.simulate(theme.right).difference(to: vision.simulate(theme.wrong)) >= Self.distinct)
        // The green and red of before did not: the test tells the two apart.
        let green = RGBColor(hex: 0x1E8E3E), red = RGBColor(hex: 0xD93025)
        #expect(vision.simulate(green).difference(to: vision.simulate(red)) < Self.distinct)
    }

    @Test func simulationLeavesGreysAlone() {
        for vision in ColorVision.allCases {
            for grey in [0.0, 0.5, 1.0] {
                let seen = vision.simulate(RGBColor(grey, grey, grey))
                #expect(seen.difference(to: RGBColor(grey, grey, grey)) < 1)
            }
        }
    }

    @Test(arguments: ColorVision.allCases)
    func sequentialMapsStayOrdered(_ vision: ColorVision) {
        let viridis = (0...32).map { vision.simulate(ColorMap.viridis.color(at: Double($0) / 32)).lightness }
        for (a, b) in zip(viridis, viridis.dropFirst()) { #expect(b > a) }
        let blues = (0...32).map { vision.simulate(ColorMap.blues.color(at: Double($0) / 32)).lightness }
        for (a, b) in zip(blues, blues.dropFirst()) { #expect(b <= a + 0.01) }
    }

    @Test(arguments: ColorVision.allCases)
    func divergingSidesStayApart(_ vision: ColorVision) {
        let map = ColorMap.diverging
        for v in [0.25, 0.5, 0.75, 1.0] {
            let negative = vision.simulate(map.color(for: -v, in: -1...1)), positive = vision.simulate(map.color(for: v, in: -1...1))
            #expect(negative.difference(to: positive) >= 20 + 30 * v, "±\(v)")
        }
        // Both sides darken alike away from white, so the size of a value reads the same either way.
        let l = (0...20).map { vision.simulate(map.color(at: Double($0) / 20)).lightness }
        for k in 0..<10 { #expect(l[k + 1] >= l[k] && l[19 - k] >= l[20 - k]) }
    }

    /// The simulated colour of the pixel at point (`x`, `y`).
    static func seen(_ image: DecodedImage, _ x: Double, _ y: Double, _ vision: ColorVision) -> RGBColor {
        let p = pixel(image, x, y)
        return vision.simulate(RGBColor(Double(p.r) / 255, Double(p.g) / 255, Double(p.b) / 255))
    }

    @Test(arguments: ColorVision.allCases)
    func predictionsTellRightFromWrongByColourAndByShape(_ vision: ColorVision) throws {
        let trace = SyntheticTraces.hello()
        let figure = PredictionsFigure(trace: trace)
        let image = try PNGDecoder.decode(try figure.render(format: .png, scale: 1, page: .natural))
        let canvas = try Document.measuringCanvas()
        // Row 2 is iteration 0 (every prediction wrong); the last row the trained network (right).
        let wrong = figure.boxRect(canvas, row: 2, t: 0)
        let right = figure.boxRect(canvas, row: 2 + trace.snapshots.count - 1, t: 0)
        let wrongBorder = Self.seen(image, wrong.minX + 1.25, wrong.midY, vision)
        let rightBorder = Self.seen(image, right.minX + 1.25, right.midY, vision)
        #expect(wrongBorder.difference(to: rightBorder) >= Self.distinct)
        // By shape too: the wrong box's left border has gaps (dashed), the right box's has none.
        func gaps(_ box: Rect) -> Int {
            let border = pixel(image, box.minX + 1.25, box.midY)
            return stride(from: box.minY + 6, to: box.maxY - 6, by: 1).filter { !close(pixel(image, box.minX + 1.25, $0), border, 40) }.count
        }
        #expect(gaps(wrong) > 2 && gaps(right) == 0, "wrong \(gaps(wrong)), right \(gaps(right))")
    }
}
