import Foundation
import Testing
@testable import RNNRender

/// Compares small figures with committed reference PNGs. A missing reference fails; set
/// `RNNLAB_RECORD_REFERENCES=1` to (re)write them into Tests/RNNRenderTests/References.
@Suite struct ReferenceImageTests {
    static let cases: [String] = ["architecture-one-to-one", "architecture-many-to-one", "hello-hidden"]

    static func render(_ name: String) throws -> [UInt8] {
        switch name {
        case "architecture-one-to-one": try ArchitectureDiagram.render(kind: .oneToOne, format: .png, scale: 1)
        case "architecture-many-to-one": try ArchitectureDiagram.render(kind: .manyToOne, format: .png, scale: 1)
        default: try FigureRenderer.render(.hidden, trace: SyntheticTraces.hello(), format: .png, scale: 1)
        }
    }

    @Test(arguments: cases)
    func matchesReference(_ name: String) throws {
        let bytes = try Self.render(name)
        if ProcessInfo.processInfo.environment["RNNLAB_RECORD_REFERENCES"] == "1" {
            let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("References/\(name).png").path
            try writeTestFile(bytes, to: source)
            return
        }
        guard let url = Bundle.module.resourceURL?.appendingPathComponent("References/\(name).png"),
              let data = try? Data(contentsOf: url)
        else {
            Issue.record("Missing reference image References/\(name).png (record with RNNLAB_RECORD_REFERENCES=1)")
            return
        }
        let expected = try PNGDecoder.decode([UInt8](data)), actual = try PNGDecoder.decode(bytes)
        #expect(expected.width == actual.width && expected.height == actual.height)
        guard expected.width == actual.width, expected.height == actual.height else { return }
        var differing = 0
        for i in expected.pixels.indices {
            let a = expected.pixels[i], b = actual.pixels[i]
            for shift in [0, 8, 16, 24] where abs(Int((a >> UInt32(shift)) & 0xFF) - Int((b >> UInt32(shift)) & 0xFF)) > 8 {
                differing += 1
                break
            }
        }
        #expect(Double(differing) <= Double(expected.pixels.count) * 0.002, "\(differing) pixels differ in \(name)")
    }
}
