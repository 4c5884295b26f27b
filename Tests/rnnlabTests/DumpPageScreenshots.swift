import Foundation
import Testing

/// Screenshots of the lesson pages in `$RNNLAB_HTML_SCREENSHOTS` (an output folder after
/// `rnnlab html --all --out DIR`), at a projector's and a phone's width, whole pages, written to
/// `DIR/screenshots/` (the first screen, and the whole page) — to look at them by hand. Keys to
/// press first can be given in `$RNNLAB_HTML_KEYS`: `>` → `<` ← `E` End `v` ↓, letters as they are.
@Test(.enabled(if: ProcessInfo.processInfo.environment["RNNLAB_HTML_SCREENSHOTS"] != nil && HeadlessBrowser.executable != nil))
func dumpPageScreenshots() throws {
    let folder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["RNNLAB_HTML_SCREENSHOTS"]!)
    let shots = folder.appendingPathComponent("screenshots")
    try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)
    let keys = ProcessInfo.processInfo.environment["RNNLAB_HTML_KEYS"] ?? ""
    for lesson in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
        let page = folder.appendingPathComponent("\(lesson)/\(lesson).html")
        guard FileManager.default.fileExists(atPath: page.path) else { continue }
        for (name, width, height, mobile) in [("desktop", 1920, 1080, false), ("phone", 390, 844, true)] {
            let browser = try HeadlessBrowser(width: width, height: height)
            try browser.setViewport(width: width, height: height, mobile: mobile)
            try browser.open(page)
            for key in keys {
                switch key {
                case ">": try browser.press(.right)
                case "<": try browser.press(.left)
                case "E": try browser.press(.end)
                case "v": try browser.press(.down)
                default: try browser.press(.letter(key))
                }
            }
            _ = try browser.evaluate("Promise.all([...document.images].map((image) => image.decode())).then(() => true)")
            let full = try browser.evaluate("document.documentElement.scrollHeight") as? Int ?? height
            for (part, shown) in [("screen", height), ("page", full)] {
                let png = try browser.screenshot(x: 0, y: 0, width: Double(width), height: Double(shown))
                try Data(png).write(to: shots.appendingPathComponent("\(lesson)-\(name)-\(part).png"))
            }
        }
    }
}
