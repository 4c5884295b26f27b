import Foundation
import RNNLessons
import RNNTrace
import Testing

@testable import rnnlab

/// The lesson page built from traces, read as text: self-contained, its data complete, the same
/// bytes for the same traces. (How it behaves in a browser: `HTMLBrowserTests`.)
@Suite("lesson page")
struct LessonPageTests {
    /// A trace with two snapshots, each traced as a slightly different network.
    static func traces(_ trace: LessonTrace) -> LessonTraces {
        var trace = trace
        var early = trace
        early.steps = early.steps.map { step in
            var step = step
            step.prediction = step.prediction.map { _ in trace.vocabulary.first ?? "?" }
            return step
        }
        trace.snapshots = [0, 7].map { Snapshot(iteration: $0, loss: 1.5, predicted: [], probability: [], correct: []) }
        return LessonTraces(trace: trace, snapshots: [early, early])
    }

    static func page(_ trace: LessonTrace) throws -> String {
        try LessonPage(traces: traces(trace), figureScale: 0.5).html
    }

    /// The JSON in the page's data element.
    static func data(_ html: String) throws -> [String: Any] {
        let start = try #require(html.range(of: "<script type=\"application/json\" id=\"lesson-data\">"))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let json = String(html[start.upperBound..<end.lowerBound])
        return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    @Test("nothing is loaded from elsewhere: a strict Content-Security-Policy, images as data: URIs", arguments: TestTraces.all.map(\.name))
    func selfContained(_ name: String) throws {
        let html = try Self.page(TestTraces.all.first { $0.name == name }!.trace)
        #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:;"))
        for forbidden in ["<link", "href=", "@import", "fetch(", "XMLHttpRequest", "WebSocket", "import("] {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
        let sources = html.components(separatedBy: "src=\"").dropFirst()
        #expect(!sources.isEmpty && sources.allSatisfy { $0.hasPrefix("data:image/png;base64,") })
        // The only address in the file is SVG's namespace, a name that is never fetched.
        let addresses = html.components(separatedBy: "://").dropFirst().map { String($0.prefix(19)) }
        #expect(addresses == ["www.w3.org/2000/svg"], "\(addresses)")
    }

    @Test("the data holds a view per snapshot and the trained one, with every step's values")
    func data() throws {
        let trace = TestTraces.hello()
        let data = try Self.data(try Self.page(trace))
        let views = try #require(data["views"] as? [[String: Any]])
        #expect(views.map { $0["tick"] as? String } == ["0", "7", "trained"])
        #expect(data["start"] as? Int == 2)
        let steps = try #require(views[2]["steps"] as? [[String: Any]])
        #expect(steps.count == trace.steps.count)
        let third = steps[3]
        #expect(third["input"] as? String == "e" && third["prediction"] as? String == "o" && third["target"] as? String == "l")
        #expect(third["right"] as? Bool == false && steps[2]["right"] as? Bool == true)
        let layer = try #require((third["layers"] as? [[String: Any]])?.first)
        let h = try #require(layer["h"] as? [Double])
        #expect(zip(h, trace.steps[3].layers[0].h).allSatisfy { abs($0 - Double($1)) <= 0.005 })
        #expect((layer["gates"] as? [String: Any])?.keys.sorted() == ["f", "g", "i", "o"])
        let top = try #require(third["top"] as? [[String: Any]])
        #expect(top.count == 5 && top.first?["token"] as? String == "o")
        #expect((data["gates"] as? [[String: Any]])?.map { $0["name"] as? String } == ["i", "f", "g", "o"])
        #expect((data["inputLabels"] as? [String]) == ["h", "i", "e", "l", "o"])
        #expect((views[0]["prediction"] as? String) == "predicts “hhhhhh”")
    }

    @Test("a seq2seq page has the decoder's steps with attention; a regression page its forecast")
    func otherTasks() throws {
        let chat = try Self.data(try Self.page(TestTraces.chatbot()))
        let trained = try #require((chat["views"] as? [[String: Any]])?.last)
        let decoder = try #require(trained["decoder"] as? [[String: Any]])
        #expect(decoder.map { $0["output"] as? String } == ["i", "am", "fine", "<eos>"])
        #expect((decoder[0]["attention"] as? [Double])?.count == 5 && decoder[0]["input"] as? String == "<sos>")
        #expect(trained["prediction"] as? String == "answers “i am fine”")
        let stock = try Self.data(try Self.page(TestTraces.stock()))
        #expect((stock["forecast"] as? [String: Any])?["targetName"] as? String == "Close")
        #expect((stock["inputLabels"] as? [String]) == ["Open", "High", "Low", "Volume", "Close"])
    }

    @Test("tokens that look like markup cannot end the data's script element")
    func markupTokens() throws {
        let trace = TestTraces.characters(
            name: "markup", cell: .gru, layers: 1, hidden: 3, vocabulary: ["<", "/", "s", ">", "c"],
            input: "</s>", target: "/s>c")
        let html = try Self.page(trace)
        let start = try #require(html.range(of: "id=\"lesson-data\">"))
        let data = html[start.upperBound...]
        #expect(data.range(of: "</script>")?.lowerBound == data.range(of: "</script>\n<script>")?.lowerBound)
        let views = try #require(try Self.data(html)["views"] as? [[String: Any]])
        #expect(((views.last?["steps"] as? [[String: Any]])?.map { $0["input"] as? String }) == ["<", "/", "s", ">"])
    }

    @Test("the same traces give the same bytes")
    func deterministic() throws {
        for (_, trace) in TestTraces.all { #expect(try Self.page(trace) == Self.page(trace)) }
    }
}
