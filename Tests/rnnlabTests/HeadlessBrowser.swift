import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A headless Chromium driven through the DevTools protocol, over the pipe Chromium opens with
/// `--remote-debugging-pipe` (commands on its descriptor 3, answers and events on 4, each
/// message JSON ended by a NUL byte). Keys go through the browser's input pipeline as a user's
/// would; every request the page makes is seen as a `Network.requestWillBeSent` event.
final class HeadlessBrowser {
    /// A failure of the browser or of the protocol.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// A key as the protocol names it.
    struct Key {
        var key: String
        var code: String
        var keyCode: Int
        /// The text typed, for printable keys.
        var text: String?

        static let right = Key(key: "ArrowRight", code: "ArrowRight", keyCode: 39)
        static let left = Key(key: "ArrowLeft", code: "ArrowLeft", keyCode: 37)
        static let up = Key(key: "ArrowUp", code: "ArrowUp", keyCode: 38)
        static let down = Key(key: "ArrowDown", code: "ArrowDown", keyCode: 40)
        static let home = Key(key: "Home", code: "Home", keyCode: 36)
        static let end = Key(key: "End", code: "End", keyCode: 35)
        static let space = Key(key: " ", code: "Space", keyCode: 32, text: " ")
        static func letter(_ letter: Character) -> Key {
            Key(key: String(letter), code: "Key\(letter.uppercased())", keyCode: Int(letter.uppercased().unicodeScalars.first!.value),
                text: String(letter))
        }
    }

    /// Chromium, found on `PATH`, or `nil` when it is not installed.
    static let executable: String? = {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for folder in folders where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
                return "\(folder)/\(name)"
            }
        }
        return nil
    }()

    /// Every event received so far, in order: `(method, params)`.
    private(set) var events: [(method: String, params: [String: Any])] = []

    private let process: pid_t
    private let commands: Int32
    private let answers: Int32
    private let profile: URL
    private var session = ""
    private var nextID = 0
    private var buffer: [UInt8] = []
    /// How long to wait for any answer before giving up (a hung browser fails the test).
    private let patience: Int32 = 60_000

    /// Starts Chromium with a fresh profile and a page of `width` × `height` CSS pixels.
    init(width: Int, height: Int) throws {
        guard let executable = Self.executable else { throw Failure(description: "chromium is not installed") }
        // A browser that dies makes writes to its pipe fail instead of ending this process.
        signal(SIGPIPE, SIG_IGN)
        profile = FileManager.default.temporaryDirectory.appendingPathComponent("rnnlab-chromium-\(UUID().uuidString)")
        let toBrowser = try Self.pipe(), fromBrowser = try Self.pipe()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toBrowser.read, 3)
        posix_spawn_file_actions_adddup2(&actions, fromBrowser.write, 4)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let arguments = [
            executable, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
            "--user-data-dir=\(profile.path)", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
            "--mute-audio", "--font-render-hinting=none", "about:blank",
        ]
        var argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, nil, &argv, environ)
        close(toBrowser.read)
        close(fromBrowser.write)
        guard status == 0 else {
            close(toBrowser.write)
            close(fromBrowser.read)
            throw Failure(description: "cannot start \(executable): \(String(cString: strerror(status)))")
        }
        process = pid
        commands = toBrowser.write
        answers = fromBrowser.read
        let target = try send("Target.createTarget", ["url": "about:blank"], inSession: false)
        let attached = try send("Target.attachToTarget", ["targetId": target["targetId"] as? String ?? "", "flatten": true], inSession: false)
        session = attached["sessionId"] as? String ?? ""
        for domain in ["Page", "Network", "Runtime", "Log"] { _ = try send("\(domain).enable") }
        try setViewport(width: width, height: height)
    }

    deinit {
        // Asked to close, the browser ends its helper processes too; if it cannot be asked, it is killed.
        if (try? send("Browser.close", inSession: false)) == nil { kill(process, SIGKILL) }
        close(commands)
        close(answers)
        var status: Int32 = 0
        waitpid(process, &status, 0)
        try? FileManager.default.removeItem(at: profile)
    }

    /// The page's size in CSS pixels; `mobile` lays it out as a phone does.
    func setViewport(width: Int, height: Int, mobile: Bool = false) throws {
        _ = try send("Emulation.setDeviceMetricsOverride",
                     ["width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile])
    }

    /// Opens `url` and waits until it has loaded; the events of earlier pages are forgotten.
    func open(_ url: URL) throws {
        events.removeAll()
        _ = try send("Page.navigate", ["url": url.absoluteString])
        try waitFor("Page.loadEventFired")
    }

    /// Presses and releases `key`.
    func press(_ key: Key) throws {
        for type in ["keyDown", "keyUp"] {
            var parameters: [String: Any] = [
                "type": type, "key": key.key, "code": key.code,
                "windowsVirtualKeyCode": key.keyCode, "nativeVirtualKeyCode": key.keyCode,
            ]
            if type == "keyDown", let text = key.text { parameters["text"] = text }
            _ = try send("Input.dispatchKeyEvent", parameters)
        }
    }

    /// The value of a JavaScript expression in the page (JSON-like values come back as Foundation objects).
    /// A promise is waited for, and its value returned.
    func evaluate(_ expression: String) throws -> Any? {
        let answer = try send("Runtime.evaluate", ["expression": expression, "returnByValue": true, "awaitPromise": true])
        if let exception = answer["exceptionDetails"] as? [String: Any] {
            throw Failure(description: "the page threw: \(exception["text"] ?? exception)")
        }
        return (answer["result"] as? [String: Any])?["value"]
    }

    /// A PNG of the page's area `x, y, width, height` (CSS pixels, from the document's top left).
    func screenshot(x: Double, y: Double, width: Double, height: Double) throws -> [UInt8] {
        let clip: [String: Any] = ["x": x, "y": y, "width": width, "height": height, "scale": 1]
        let answer = try send("Page.captureScreenshot", ["format": "png", "clip": clip, "captureBeyondViewport": true])
        guard let text = answer["data"] as? String, let data = Data(base64Encoded: text) else {
            throw Failure(description: "no screenshot data")
        }
        return [UInt8](data)
    }

    /// The addresses the page asked for since it was opened.
    var requestedURLs: [String] {
        events.filter { $0.method == "Network.requestWillBeSent" }
            .compactMap { ($0.params["request"] as? [String: Any])?["url"] as? String }
    }

    /// Errors the page reported since it was opened: uncaught exceptions, console errors, blocked loads.
    var pageErrors: [String] {
        events.compactMap { event in
            switch event.method {
            case "Runtime.exceptionThrown":
                return "\((event.params["exceptionDetails"] as? [String: Any])?["text"] ?? "exception")"
            case "Log.entryAdded":
                let entry = event.params["entry"] as? [String: Any]
                return entry?["level"] as? String == "error" ? "\(entry?["text"] ?? "error")" : nil
            case "Runtime.consoleAPICalled":
                return event.params["type"] as? String == "error" ? "console.error" : nil
            case "Network.loadingFailed":
                return "load failed: \(event.params["errorText"] ?? "")"
            default:
                return nil
            }
        }
    }

    // MARK: The protocol

    /// Sends a command and returns its result, keeping the events that arrive meanwhile.
    private func send(_ method: String, _ parameters: [String: Any] = [:], inSession: Bool = true) throws -> [String: Any] {
        nextID += 1
        let id = nextID
        var message: [String: Any] = ["id": id, "method": method, "params": parameters]
        if inSession { message["sessionId"] = session }
        var bytes = [UInt8](try JSONSerialization.data(withJSONObject: message))
        bytes.append(0)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(commands, $0.baseAddress, $0.count) }
            guard count > 0 else { throw Failure(description: "the browser stopped reading (\(method))") }
            written += count
        }
        while true {
            let answer = try receive()
            if answer["id"] as? Int == id {
                if let error = answer["error"] as? [String: Any] {
                    throw Failure(description: "\(method): \(error["message"] ?? error)")
                }
                return answer["result"] as? [String: Any] ?? [:]
            }
        }
    }

    /// Reads messages until the event `method` arrives (or has arrived since the page was opened).
    private func waitFor(_ method: String) throws {
        while !events.contains(where: { $0.method == method }) { _ = try receive() }
    }

    /// The next message; events are also kept in `events`.
    private func receive() throws -> [String: Any] {
        while true {
            if let end = buffer.firstIndex(of: 0) {
                let message = Array(buffer[..<end])
                buffer.removeSubrange(...end)
                guard let object = try JSONSerialization.jsonObject(with: Data(message)) as? [String: Any] else { continue }
                if let method = object["method"] as? String {
                    events.append((method, object["params"] as? [String: Any] ?? [:]))
                }
                return object
            }
            var descriptor = pollfd(fd: answers, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, patience) > 0 else { throw Failure(description: "the browser did not answer") }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = read(answers, &chunk, chunk.count)
            guard count > 0 else { throw Failure(description: "the browser closed the pipe") }
            buffer += chunk[..<count]
        }
    }

    /// A pipe whose ends are above the descriptors Chromium reads them as (3 and 4), closed on exec.
    private static func pipe() throws -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        guard Glibc.pipe(&ends) == 0 else { throw Failure(description: "cannot make a pipe") }
        let moved = ends.map { end -> Int32 in
            let high = fcntl(end, F_DUPFD_CLOEXEC, 10)
            close(end)
            return high
        }
        guard moved.allSatisfy({ $0 >= 10 }) else { throw Failure(description: "cannot move the pipe's descriptors") }
        return (moved[0], moved[1])
    }
}
