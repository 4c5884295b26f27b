import Foundation
import Testing

/// A lesson's output folder holds one whole run or the one before, never a mix (issue #22): runs
/// killed at several points, interrupted with Ctrl-C, or started twice at once into one folder.
@Suite("Output folder guarantee")
struct FolderGuaranteeTests {
    /// A folder's files, by path inside it, with their bytes.
    typealias Contents = [String: Data]

    /// Every file under `folder` (hidden ones too), by relative path.
    static func contents(of folder: URL) -> Contents {
        var result: Contents = [:]
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return result }
        while let path = walker.nextObject() as? String {
            var isFolder: ObjCBool = false
            let url = folder.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
                result[path] = FileManager.default.contents(atPath: url.path)
            }
        }
        return result
    }

    /// A workspace with the hello lesson written twice, seeds 1 (`old/hello.yaml`) and 2
    /// (`new/hello.yaml`): two runs of one lesson, into the same folder, with different files.
    struct Workspace {
        let root: URL
        var out: URL { root.appendingPathComponent("out") }

        init() throws {
            root = try RNNLabProcess.temporaryFolder()
            let hello = try String(contentsOf: RNNLabProcess.root.appendingPathComponent("lessons/hello.yaml"), encoding: .utf8)
            for (version, seed) in [("old", 1), ("new", 2)] {
                let folder = root.appendingPathComponent(version)
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try Data(hello.replacingOccurrences(of: "seed: 777", with: "seed: \(seed)").utf8)
                    .write(to: folder.appendingPathComponent("hello.yaml"))
            }
        }

        /// `rnnlab run VERSION/hello.yaml --out OUT` (and the extra arguments).
        func arguments(_ version: String, out: URL? = nil, _ extra: [String] = []) -> [String] {
            ["run", root.appendingPathComponent("\(version)/hello.yaml").path, "--out", (out ?? self.out).path, "--quiet"] + extra
        }

        /// The complete folder of a run of `version`, run on its own.
        func reference(_ version: String) throws -> Contents {
            let folder = root.appendingPathComponent("reference-\(version)")
            let result = try RNNLabProcess.run(arguments(version, out: folder))
            #expect(result.status == 0, "\(result.error)")
            return contents(of: folder.appendingPathComponent("hello"))
        }

        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    /// Waits until `condition` holds or the process has ended (at most two minutes).
    static func wait(for running: RNNLabProcess.Running, until condition: () -> Bool) {
        let start = Date()
        while running.process.isRunning && !condition() && Date().timeIntervalSince(start) < 120 { usleep(1000) }
    }

    /// The fresh folder a run writes into before it takes the lesson folder's place.
    static func freshFolder(of running: RNNLabProcess.Running, in out: URL) -> URL {
        out.appendingPathComponent(".hello.new-\(running.process.processIdentifier)")
    }

    static func count(in folder: URL) -> Int { contents(of: folder).count }

    @Test("SIGKILL at any point leaves the old run or the new one, never a mix; the next run cleans what the killed one left")
    func killedRuns() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let old = try workspace.reference("old"), new = try workspace.reference("new")
        #expect(old["trace.json"] != new["trace.json"] && old["model.safetensors"] != new["model.safetensors"])
        #expect(old.keys.contains("gates.png") && old.keys.contains("steps/step-05.png") && Set(old.keys) == Set(new.keys))
        let killPoints: [(name: String, reached: (RNNLabProcess.Running, URL) -> Bool)] = [
            ("at once", { _, _ in true }),
            ("once the fresh folder exists", { running, out in FileManager.default.fileExists(atPath: Self.freshFolder(of: running, in: out).path) }),
            ("once the trace is written", { running, out in
                FileManager.default.fileExists(atPath: Self.freshFolder(of: running, in: out).appendingPathComponent("trace.json").path)
            }),
            ("with a few figures written", { running, out in Self.count(in: Self.freshFolder(of: running, in: out)) >= 10 }),
            ("with most figures written", { running, out in Self.count(in: Self.freshFolder(of: running, in: out)) >= old.count - 3 }),
            ("once the new folder is in place", { _, out in Self.contents(of: out.appendingPathComponent("hello"))["trace.json"] == new["trace.json"] }),
        ]
        var outcomes: [String: Int] = ["old": 0, "new": 0]
        for (name, reached) in killPoints {
            try? FileManager.default.removeItem(at: workspace.out)
            let first = try RNNLabProcess.run(workspace.arguments("old"))
            #expect(first.status == 0, "\(first.error)")
            let running = try RNNLabProcess.launch(workspace.arguments("new"))
            Self.wait(for: running) { reached(running, workspace.out) }
            running.send(SIGKILL)
            _ = running.finish()
            let after = Self.contents(of: workspace.out.appendingPathComponent("hello"))
            #expect(after == old || after == new, "killed \(name): the folder mixes runs (\(after.count) files)")
            outcomes[after == new ? "new" : "old", default: 0] += 1
            #expect(!after.keys.contains { $0.hasSuffix(".tmp") }, "killed \(name): temporary files in the folder")
        }
        #expect(outcomes["old"]! > 0, "no kill came before the new run was in place: \(outcomes)")
        // The next run removes what the killed ones left beside the folder.
        let last = try RNNLabProcess.run(workspace.arguments("new"))
        #expect(last.status == 0, "\(last.error)")
        #expect(Self.contents(of: workspace.out.appendingPathComponent("hello")) == new)
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.out.path) == ["hello"])
    }

    @Test("two runs into one folder at once: one waits for nothing and the other says the folder is busy, or they follow each other; never a mix")
    func concurrentRuns() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let references = ["old": try workspace.reference("old"), "new": try workspace.reference("new")]
        for trial in 0..<4 {
            try? FileManager.default.removeItem(at: workspace.out)
            let versions = trial % 2 == 0 ? ["old", "new"] : ["new", "old"]
            let runs = try versions.map { try RNNLabProcess.launch(workspace.arguments($0)) }
            let results = runs.map { $0.finish() }
            let after = Self.contents(of: workspace.out.appendingPathComponent("hello"))
            #expect(after == references["old"] || after == references["new"], "trial \(trial): the folder mixes runs")
            #expect(results.contains { $0.status == 0 }, "trial \(trial): \(results.map(\.error))")
            for result in results where result.status != 0 {
                #expect(result.errorLines.count == 1, "\(result.error)")
                #expect(result.error.contains("/hello: busy: another rnnlab is writing this folder (process "), "\(result.error)")
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.out.path) == ["hello"])
        }
    }

    @Test("Ctrl-C during run of several lessons keeps the lessons written before it, says which, and leaves the others as they were")
    func interruptedRunOfSeveral() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let sentence = try String(contentsOf: RNNLabProcess.root.appendingPathComponent("lessons/long-sequence.yaml"), encoding: .utf8)
        try Data(
            sentence.replacingOccurrences(of: "name: long-sequence", with: "name: slow")
                .replacingOccurrences(of: "iterations: 500", with: "iterations: 10000000").utf8
        ).write(to: workspace.root.appendingPathComponent("slow.yaml"))
        let slowFolder = workspace.out.appendingPathComponent("slow")
        try FileManager.default.createDirectory(at: slowFolder, withIntermediateDirectories: true)
        try Data("an earlier run".utf8).write(to: slowFolder.appendingPathComponent("trace.json"))
        let running = try RNNLabProcess.launch(
            workspace.arguments("new") + [workspace.root.appendingPathComponent("slow.yaml").path], in: workspace.root)
        let hello = workspace.out.appendingPathComponent("hello/trace.json")
        Self.wait(for: running) { FileManager.default.fileExists(atPath: hello.path) }
        running.send(SIGINT)
        let result = running.finish()
        #expect(result.status == 130, "\(result.error)")
        #expect(result.output.hasPrefix("hello: predicted"))
        let lines = result.errorLines
        #expect(lines.count == 2 && lines[0].hasPrefix("slow: interrupted after ") && lines[0].hasSuffix("; nothing of it was written"), "\(lines)")
        #expect(lines.last == "interrupted: wrote out/hello; out/slow is as it was", "\(lines)")
        #expect(Self.contents(of: workspace.out.appendingPathComponent("hello")) == (try workspace.reference("new")))
        #expect(Self.contents(of: slowFolder) == ["trace.json": Data("an earlier run".utf8)])
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.out.path).sorted() == ["hello", "slow"])
    }
}
