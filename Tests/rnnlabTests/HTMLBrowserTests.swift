import Foundation
import RNNRender
import RNNTrace
import Testing

@testable import rnnlab

/// Every shipped lesson's page in a real headless Chromium: keys pressed as a user presses them,
/// the step, the hidden prediction and its reveal read back from the page, no request made, and
/// one step's picture compared with a reference. Trains every lesson, so it runs in the release
/// part of `make test` (its name matches the Makefile's SLOW_SUITES).
@Suite(
    "lesson pages in a headless browser", .serialized,
    .enabled(
        if: HeadlessBrowser.executable != nil,
        "chromium is not installed, so the lesson pages are not tested in a browser: install it with `apt-get install -y chromium` (make test does when run as root)"))
struct HTMLBrowserTests {
    static let lessons = ["char-sequence", "chatbot", "hello", "hello-rnn", "long-sequence", "stock"]

    /// The shipped lessons run once with `--html` into a temporary folder, shared by the tests.
    static let output: Result<URL, any Error> = Result {
        // A fixed folder, emptied first: each test run leaves one copy at most.
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("rnnlab-html-browser-test")
        try? FileManager.default.removeItem(at: out)
        let run = try RNNLabProcess.run(["run", "--all", "--html", "--no-render", "--quiet", "--out", out.path])
        guard run.status == 0 else { throw HeadlessBrowser.Failure(description: "rnnlab run --all --html failed: \(run.error)") }
        return out
    }

    /// What the page shows now, read from its DOM.
    struct Shown: Equatable {
        var caption: String
        /// The position of the column marked as current in the unrolled network.
        var current: Int
        /// Whether the prediction is hidden: a "?" where it goes.
        var hidden: Bool
        /// Whether the likeliest next tokens are hidden.
        var barsHidden: Bool
        /// The prediction written in the outcome line, when shown.
        var prediction: String?
    }

    static func shown(_ browser: HeadlessBrowser) throws -> Shown {
        let value = try browser.evaluate("""
            JSON.stringify({
              caption: document.getElementById("caption").textContent,
              current: Number(document.querySelector("#unrolled [aria-current=step]").dataset.position),
              hidden: document.querySelector("#outcome .hidden-value") !== null,
              barsHidden: document.querySelector("#bars .ask") !== null,
              prediction: document.querySelector("#outcome .prediction")?.textContent ?? null,
            })
            """)
        let fields = try JSONSerialization.jsonObject(with: Data((value as? String ?? "{}").utf8)) as? [String: Any] ?? [:]
        return Shown(caption: fields["caption"] as? String ?? "", current: fields["current"] as? Int ?? -1,
                     hidden: fields["hidden"] as? Bool ?? false, barsHidden: fields["barsHidden"] as? Bool ?? false,
                     prediction: fields["prediction"] as? String)
    }

    /// What each position's step is: its caption's reading, the prediction (nil when none), and
    /// whether it lists likely next tokens.
    static func expected(_ trace: LessonTrace, position: Int) -> (reading: String, prediction: String?, hasBars: Bool) {
        if position < trace.steps.count {
            let step = trace.steps[position]
            return ("reading “\(TraceDisplay.token(step.inputToken))”", trace.decoder == nil ? step.prediction.map(TraceDisplay.token) : nil,
                    step.probabilities != nil)
        }
        let step = trace.decoder![position - trace.steps.count]
        return ("fed “\(TraceDisplay.token(step.inputToken))”", TraceDisplay.token(step.outputToken), !step.topTokens.isEmpty)
    }

    @Test("→, r, End and r: the right step, its prediction hidden, then revealed; no request, no error", arguments: lessons)
    func keys(_ lesson: String) throws {
        let out = try Self.output.get()
        let page = out.appendingPathComponent("\(lesson)/\(lesson).html")
        let size = try FileManager.default.attributesOfItem(atPath: page.path)[.size] as? Int ?? 0
        #expect(size > 0 && size <= 5_000_000, "\(lesson).html is \(size) bytes")
        let trace = try JSONDecoder().decode(LessonTrace.self, from: Data(contentsOf: out.appendingPathComponent("\(lesson)/trace.json")))
        let last = trace.steps.count + (trace.decoder?.count ?? 0) - 1

        let browser = try HeadlessBrowser(width: 1280, height: 900)
        try browser.open(page)
        var shown = try Self.shown(browser)
        #expect(shown.current == 0 && shown.caption.contains(Self.expected(trace, position: 0).reading))

        try browser.press(.right)
        shown = try Self.shown(browser)
        let second = Self.expected(trace, position: 1)
        #expect(shown.current == 1 && shown.caption.contains(second.reading), "\(shown)")
        #expect(!shown.hidden && shown.prediction == second.prediction, "\(shown)")

        try browser.press(.letter("r"))
        shown = try Self.shown(browser)
        #expect(shown.current == 1 && shown.caption.contains("predict-then-reveal"))
        #expect(shown.hidden == (second.prediction != nil) && shown.barsHidden == second.hasBars && shown.prediction == nil, "\(shown)")

        // Another step hides its prediction again; r reveals it.
        try browser.press(.end)
        shown = try Self.shown(browser)
        let final = Self.expected(trace, position: last)
        #expect(final.prediction != nil)
        #expect(shown.current == last && shown.caption.contains(final.reading), "\(shown)")
        #expect(shown.hidden && shown.barsHidden == final.hasBars && shown.prediction == nil, "\(shown)")
        try browser.press(.letter("r"))
        shown = try Self.shown(browser)
        #expect(shown.current == last && !shown.hidden && !shown.barsHidden && shown.prediction == final.prediction, "\(shown)")

        // ← p Home, and the training slider (↓ goes back to the last snapshot, whose steps differ).
        try browser.press(.letter("p"))
        #expect(try Self.shown(browser).current == last - 1)
        try browser.press(.home)
        #expect(try Self.shown(browser).current == 0)
        let label = try browser.evaluate("document.getElementById('snapshot-label').textContent") as? String
        try browser.press(.down)
        let earlier = try browser.evaluate("document.getElementById('snapshot-label').textContent") as? String
        #expect(label?.hasPrefix("trained") == true && earlier?.hasPrefix("iteration \(trace.snapshots.last!.iteration)") == true,
                "\(label ?? "") → \(earlier ?? "")")

        let elsewhere = browser.requestedURLs.filter { !$0.hasPrefix("file:") && !$0.hasPrefix("data:") }
        #expect(elsewhere.isEmpty, "\(lesson) asked for \(elsewhere)")
        #expect(browser.requestedURLs.filter { $0.hasPrefix("file:") } == [page.absoluteString])
        #expect(browser.pageErrors.isEmpty, "\(browser.pageErrors)")
    }

    @Test("on a phone's width the page needs no sideways scrolling", arguments: lessons)
    func phone(_ lesson: String) throws {
        let out = try Self.output.get()
        let browser = try HeadlessBrowser(width: 390, height: 844)
        try browser.setViewport(width: 390, height: 844, mobile: true)
        try browser.open(out.appendingPathComponent("\(lesson)/\(lesson).html"))
        try browser.press(.end)
        let width = try browser.evaluate("document.documentElement.scrollWidth") as? Int
        #expect(width == 390, "\(lesson) is \(width ?? 0) pixels wide on a 390-pixel screen")
        #expect(browser.pageErrors.isEmpty, "\(browser.pageErrors)")
    }

    /// A missing reference fails; `RNNLAB_RECORD_REFERENCES=1` (re)writes it.
    @Test("hello's step 1 looks as recorded")
    func screenshot() throws {
        let out = try Self.output.get()
        let browser = try HeadlessBrowser(width: 1280, height: 900)
        try browser.open(out.appendingPathComponent("hello/hello.html"))
        try browser.press(.right)
        let box = try browser.evaluate("""
            (() => { const r = document.getElementById("stepper").getBoundingClientRect();
                     return [r.left + scrollX, r.top + scrollY, r.width, r.height].map(Math.round); })()
            """) as? [Int] ?? []
        try #require(box.count == 4)
        let png = try browser.screenshot(x: Double(box[0]), y: Double(box[1]), width: Double(box[2]), height: Double(box[3]))
        let reference = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("References/html-hello-step-1.png")
        if ProcessInfo.processInfo.environment["RNNLAB_RECORD_REFERENCES"] == "1" {
            try FileManager.default.createDirectory(at: reference.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(png).write(to: reference)
            return
        }
        guard let recorded = try? Data(contentsOf: reference) else {
            Issue.record("Missing reference image \(reference.path) (record with RNNLAB_RECORD_REFERENCES=1)")
            return
        }
        let expected = try PNGDecoder.decode([UInt8](recorded)), actual = try PNGDecoder.decode(png)
        try #require(expected.width == actual.width && expected.height == actual.height,
                     "\(actual.width)×\(actual.height), recorded \(expected.width)×\(expected.height)")
        let differing = zip(expected.pixels, actual.pixels).filter { Self.differ($0, $1) }.count
        #expect(Double(differing) <= Double(expected.pixels.count) * 0.0005, "\(differing) of \(expected.pixels.count) pixels differ")
    }

    /// Whether two pixels differ by more than antialiasing does, in any channel.
    static func differ(_ a: UInt32, _ b: UInt32) -> Bool {
        for shift: UInt32 in [0, 8, 16] {
            let first = Int((a >> shift) & 0xFF), second = Int((b >> shift) & 0xFF)
            if abs(first - second) > 24 { return true }
        }
        return false
    }
}
