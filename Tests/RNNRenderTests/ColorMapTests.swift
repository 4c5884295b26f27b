import Testing
@testable import RNNRender

@Suite struct ColorMapTests {
    @Test func viridisEndpointsMatchMatplotlib() {
        #expect(close(ColorMap.viridis.color(at: 0).bytes, (0x44, 0x01, 0x54), 4))
        #expect(close(ColorMap.viridis.color(at: 1).bytes, (0xFD, 0xE7, 0x25), 4))
        #expect(close(ColorMap.viridis.color(at: 0.5).bytes, (0x21, 0x91, 0x8C), 4))
    }

    @Test func sequentialLightnessIsMonotone() {
        for map in [ColorMap.viridis] {
            let lightness = (0...64).map { map.color(at: Double($0) / 64).lightness }
            for (a, b) in zip(lightness, lightness.dropFirst()) { #expect(b > a) }
        }
        let blues = (0...64).map { ColorMap.blues.color(at: Double($0) / 64).lightness }
        for (a, b) in zip(blues, blues.dropFirst()) { #expect(b <= a) }
    }

    @Test func divergingIsWhiteAtZeroAndBlueOrangeAtEnds() {
        let centre = ColorMap.diverging.color(for: 0, in: -1...1).bytes
        #expect(centre.r >= 240 && centre.g >= 240 && centre.b >= 240)
        let low = ColorMap.diverging.color(at: 0), high = ColorMap.diverging.color(at: 1)
        #expect(low.blue > low.red && high.red > high.blue)
        // Lightness rises towards the centre from both ends.
        let l = (0...20).map { ColorMap.diverging.color(at: Double($0) / 20).lightness }
        for k in 0..<10 { #expect(l[k + 1] >= l[k] && l[19 - k] >= l[20 - k]) }
    }

    @Test func contrastingTextIsDarkOnLightAndWhiteOnDark() throws {
        let canvas = try Document.measuringCanvas()
        #expect(canvas.contrastingText(on: ColorMap.viridis.color(at: 1)) == Theme.light.text)
        #expect(canvas.contrastingText(on: ColorMap.viridis.color(at: 0)).bytes == (255, 255, 255))
    }

    @Test func ticksAreRoundAndLabelled() {
        #expect(Ticks.nice(0, 1, count: 5) == [0, 0.25, 0.5, 0.75, 1])
        #expect(Ticks.logarithmic(0.001, 10).first == 0.001)
        // Within less than a decade, round values as on a linear axis instead of one or two ticks.
        #expect(Ticks.logarithmic(0.001, 0.00316) == [0.001, 0.002, 0.003])
        #expect(Ticks.logarithmic(1, 100) == [1, 2, 5, 10, 20, 50, 100])
        #expect(Ticks.logarithmic(1, 1000) == [1, 10, 100, 1000])
        #expect([0.001, 0.0025, 0.03, 1, 20, 1e4, 2e-4].map(Ticks.logLabel) == ["0.001", "0.0025", "0.03", "1", "20", "1e+04", "2e-04"])
        #expect(Ticks.label(0.5, among: [0, 0.5, 1]) == "0.5")
        #expect(Ticks.format(-0.0001, decimals: 2) == "0.00")
    }
}
