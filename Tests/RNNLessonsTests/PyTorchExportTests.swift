import Foundation
import Testing

@testable import RNNLessons

/// `rnnlab export --pytorch`: the files, the initial weights and batches they hold, and — where
/// PyTorch is installed — the exported script's losses beside RNNLab's.
@Suite("PyTorch export")
struct PyTorchExportTests {
    /// Whether `python3` can import torch and safetensors here.
    static let pytorchAvailable: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import torch, safetensors.torch"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    static let skipped = "PyTorch is not installed here (python3 -c 'import torch, safetensors.torch' failed): the exported script was not run"

    /// The names, dtypes and shapes in a safetensors file's header.
    static func header(of url: URL) throws -> [String: (dtype: String, shape: [Int])] {
        let bytes = try [UInt8](Data(contentsOf: url))
        let length = bytes[0..<8].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        let json = try JSONSerialization.jsonObject(with: Data(bytes[8..<8 + length])) as! [String: Any]
        var result: [String: (dtype: String, shape: [Int])] = [:]
        for (name, value) in json where name != "__metadata__" {
            let fields = value as! [String: Any]
            result[name] = (fields["dtype"] as! String, fields["shape"] as! [Int])
        }
        return result
    }

    /// Writes `lesson` (and `files`) to a temporary folder and exports it to `folder/export`.
    static func export(_ lesson: String, files: [String: String] = [:], in folder: URL) throws -> (LessonFile, URL) {
        for (name, text) in files { try LessonTestSupport.write(text, named: name, in: folder) }
        let file = try LessonFile(contentsOf: LessonTestSupport.write(lesson, named: "lesson.yaml", in: folder))
        let out = folder.appendingPathComponent("export")
        _ = try PyTorchExport.write(file, to: out)
        return (file, out)
    }

    @Test("hello: the script, the settings, the text as indices and RNNLab's initial weights in PyTorch names")
    func helloFiles() throws {
        let folder = try LessonTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try LessonTestSupport.lesson("hello")
        let out = folder.appendingPathComponent("export")
        let urls = try PyTorchExport.write(file, to: out)
        #expect(urls.map(\.lastPathComponent) == ["train.py", "lesson.json", "data.safetensors", "initial.safetensors"])
        let settings = try JSONSerialization.jsonObject(with: Data(contentsOf: urls[1])) as! [String: Any]
        #expect(settings["cell"] as? String == "lstm" && settings["hidden"] as? Int == 5 && settings["input_size"] as? Int == 5)
        #expect(settings["full_batch"] as? Bool == true && settings["window"] as? Int == 6 && settings["loss"] as? String == "cross-entropy")
        let data = try Self.header(of: urls[2])
        #expect(data["text"]?.dtype == "I32" && data["text"]?.shape == [7] && data["batches"] == nil && data["evaluated"]?.shape == [1])
        // The initial weights are the lesson's iteration 0, as `rnnlab run` keeps it.
        let run = try LessonRunner(outputFolder: folder.appendingPathComponent("out")).run(file)
        let initial = try CheckpointFile.read(urls[3])
        let snapshot = try CheckpointFile.read(LessonRunner.snapshotURL(in: run.folder, iteration: 0))
        #expect(initial.tensors.keys.sorted() == ["fc.bias", "fc.weight", "rnn.bias_hh_l0", "rnn.bias_ih_l0", "rnn.weight_hh_l0", "rnn.weight_ih_l0"])
        #expect(initial.tensors.mapValues(\.values) == snapshot.tensors.mapValues(\.values))
        #expect(try String(contentsOf: urls[0], encoding: .utf8).hasPrefix("#!/usr/bin/env python3\n"))
    }

    /// A text of many windows, mini-batched, with held-out text.
    static let bookLesson = """
        task: next-char
        data: { text_file: book.txt, window: 10, validation: 0.1 }
        model: { cell: gru, hidden: 12, layers: 2 }
        train: { iterations: 30, learning_rate: 0.01, clip: 1 }
        """
    static let book = String(repeating: "of mans first disobedience, and the fruit of that forbidden tree. ", count: 12)

    @Test("a book: the batches of every iteration as RNNLab draws them, the evaluated and held-out windows")
    func bookFiles() throws {
        let folder = try LessonTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (file, out) = try Self.export(Self.bookLesson, files: ["book.txt": Self.book], in: folder)
        let data = try Self.header(of: out.appendingPathComponent("data.safetensors"))
        let prepared = try NextCharacterRunner.prepare(file)
        #expect(data["batches"]?.shape == [30, 64] && data["batches"]?.dtype == "I64")
        #expect(data["evaluated"]?.shape == [prepared.evaluated.count] && data["validated"]?.shape == [prepared.validated.count])
        let contents = try PyTorchExport.contents(of: file)
        #expect(contents.settings.validationStart == prepared.data.validation?.range.lowerBound)
        #expect(contents.settings.validationIterations == Array(0...20).map { $0 * 30 / 20 })
        #expect(contents.settings.batch == 64 && !contents.settings.fullBatch)
    }

    @Test("a seq2seq lesson is not exported: one line says which lessons are")
    func seq2seqNotExported() throws {
        #expect(throws: LessonError.self) { try PyTorchExport.contents(of: LessonTestSupport.lesson("chatbot")) }
    }

    /// Runs the exported script for `iterations` and returns its losses.
    static func runScript(in folder: URL, iterations: Int) throws -> (loss: [Double], validation: [[Double]], output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", folder.appendingPathComponent("train.py").path, "--iterations", String(iterations)]
        let output = Pipe()
        process.standardOutput = output
        process.environment = ProcessInfo.processInfo.environment.merging(["OMP_NUM_THREADS": "1"]) { $1 }
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(printed)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("losses.json"))) as! [String: Any]
        return (json["loss"] as! [Double], json["validation"] as! [[Double]], printed)
    }

    @Test(
        "run with PyTorch, the exported lessons' first losses equal RNNLab's to 1e-5, and training follows",
        .enabled(if: PyTorchExportTests.pytorchAvailable, Comment(rawValue: PyTorchExportTests.skipped)),
        arguments: ["hello", "stock", "book", "remember"])
    func sameLosses(lesson: String) throws {
        let folder = try LessonTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file: LessonFile, out: URL
        switch lesson {
        case "book": (file, out) = try Self.export(Self.bookLesson, files: ["book.txt": Self.book], in: folder)
        case "remember":
            let text = try String(contentsOf: LessonTestSupport.lessons.appendingPathComponent("experiments/remember.yaml"), encoding: .utf8)
            (file, out) = try Self.export(text.replacingOccurrences(of: "iterations: 1000", with: "iterations: 20"), in: folder)
        default:
            file = try LessonTestSupport.lesson(lesson)
            out = folder.appendingPathComponent("export")
            _ = try PyTorchExport.write(file, to: out)
        }
        let iterations = 10
        let trace = try LessonRunner(outputFolder: folder.appendingPathComponent("out"), overrides: LessonOverrides(iterations: iterations))
            .run(file).trace
        let torch = try Self.runScript(in: out, iterations: iterations)
        #expect(torch.loss.count == iterations + 1)
        #expect(abs(torch.loss[0] - trace.training.loss[0]) < 1e-5, "first loss: PyTorch \(torch.loss[0]), RNNLab \(trace.training.loss[0])")
        for (k, (a, b)) in zip(torch.loss, trace.training.loss).enumerated() {
            #expect(abs(a - b) <= 1e-3 * max(1, abs(b)), "iteration \(k): PyTorch \(a), RNNLab \(b)")
        }
        #expect(torch.output.contains("\(trace.lesson.name): iteration 0/\(iterations), loss "))
        if let validation = trace.training.validation {
            let measured = Dictionary(uniqueKeysWithValues: torch.validation.map { (Int($0[0]), $0[1]) })
            #expect(!measured.isEmpty)
            for (iteration, loss) in zip(validation.iterations, validation.loss) {
                guard let theirs = measured[iteration] else { continue }
                #expect(abs(theirs - loss) <= 1e-3 * max(1, loss), "validation at \(iteration): PyTorch \(theirs), RNNLab \(loss)")
            }
        }
        print("PyTorch export, \(lesson): first loss PyTorch \(torch.loss[0]), RNNLab \(trace.training.loss[0]); "
            + "iteration \(iterations): PyTorch \(torch.loss[iterations]), RNNLab \(trace.training.loss[iterations])")
    }
}
