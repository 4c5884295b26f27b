import CZlib
import Foundation
import RNNRender

/// The deflate trial (issue #16, item 4): the same filtered rows — those of every PNG under the
/// output folder (`rnnlab run --all` writes them) — compressed by each candidate, on one thread
/// and, where a stream can be made in two parts, in two halves on two threads as `PNGEncoder`
/// does for images of `PNGEncoder.splitPixels` pixels or more. Every stream is inflated by zlib
/// and checked against the rows before it is timed. Times are the median of interleaved
/// rounds, on the wall clock and in CPU time (all threads), which a busy machine disturbs less.
enum DeflateTrial {
    /// A way of making a PNG's zlib stream from its filtered rows.
    struct Candidate: Sendable {
        var name: String
        /// How the work is shared: "1" thread, or "2 halves" for images large enough.
        var threads: String
        var compress: @Sendable (FilteredRows) -> [UInt8]
    }

    static let candidates: [Candidate] = [
        Candidate(name: "hand-written (ZlibRowEncoder)", threads: "1") { rows in
            rows.withBytes { PNGEncoder.handWrittenStream(filteredRows: $0, rowBytes: rows.rowBytes, split: false) }
        },
        Candidate(name: "hand-written (ZlibRowEncoder)", threads: "2 halves") { rows in
            rows.withBytes { PNGEncoder.handWrittenStream(filteredRows: $0, rowBytes: rows.rowBytes, split: rows.split) }
        },
    ] + [("zlib level 1", Z_DEFAULT_STRATEGY), ("zlib level 1, Z_RLE", Z_RLE)].flatMap { name, strategy in
        [
            Candidate(name: name, threads: "1") { rows in
                rows.withBytes { LibraryDeflate.zlib($0, level: 1, strategy: strategy) }
            },
            Candidate(name: name, threads: "2 halves") { rows in
                rows.withBytes { LibraryDeflate.zlibInTwoHalves($0, rowBytes: rows.rowBytes, split: rows.split, level: 1, strategy: strategy) }
            },
        ]
    } + [1, 6].map { level in
        Candidate(name: "libdeflate level \(level)", threads: "1") { rows in
            rows.withBytes { LibraryDeflate.libdeflate($0, level: Int32(level)) }
        }
    }

    /// Runs the trial on the PNG files under `folder`'s subfolders and prints its table.
    static func run(folder: URL, rounds: Int = 3) throws {
        var wall = [[Double]](repeating: .init(repeating: 0, count: candidates.count), count: rounds)
        var cpu = wall
        var bytes = [Int](repeating: 0, count: candidates.count)
        var images = 0, rawBytes = 0, split = 0
        // One lesson at a time, so that only its rows are held in memory.
        for lesson in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
            let rows = try pngFiles(under: folder.appendingPathComponent(lesson)).compactMap {
                FilteredRows(png: [UInt8](try Data(contentsOf: $0)))
            }
            images += rows.count
            rawBytes += rows.reduce(0) { $0 + $1.bytes.count }
            split += rows.filter(\.split).count
            for (c, candidate) in candidates.enumerated() {
                for image in rows {
                    let stream = candidate.compress(image)
                    guard FilteredRows.inflate(stream, count: image.bytes.count) == image.bytes else {
                        throw TrialError.wrongStream(candidate: candidate.name, lesson: lesson)
                    }
                    bytes[c] += stream.count
                }
            }
            for round in 0..<rounds {
                for (c, candidate) in candidates.enumerated() {
                    let time = Measure.wallAndCPUSeconds { for image in rows { _ = candidate.compress(image) } }
                    wall[round][c] += time.wall
                    cpu[round][c] += time.cpu
                }
            }
        }
        var table = Table(header: ["encoder", "threads", "ms (wall)", "ms (CPU)", "bytes", "ratio"])
        for (c, candidate) in candidates.enumerated() {
            table.rows.append([
                candidate.name, candidate.threads,
                grouped(1000 * median((0..<rounds).map { wall[$0][c] })), grouped(1000 * median((0..<rounds).map { cpu[$0][c] })),
                grouped(Double(bytes[c])), String(format: "%.1f", Double(rawBytes) / Double(bytes[c])),
            ])
        }
        print("Deflate trial: the filtered rows of \(images) PNG files under \(folder.path)/ (\(grouped(Double(rawBytes))) bytes; "
              + "\(split) of \(grouped(Double(PNGEncoder.splitPixels))) pixels or more, split in two halves), "
              + "median of \(rounds) interleaved rounds")
        print(table.render())
        print()
    }

    enum TrialError: Error {
        case wrongStream(candidate: String, lesson: String)
    }

    /// The PNG files in `folder` and its subfolders, in a fixed order.
    private static func pngFiles(under folder: URL) throws -> [URL] {
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        return files.filter { $0.pathExtension == "png" }.sorted { $0.path < $1.path }
    }

    private static func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
}

extension FilteredRows {
    /// Whether `PNGEncoder` compresses this image in two halves.
    var split: Bool { width * height >= PNGEncoder.splitPixels }

    /// Calls `body` with the rows' bytes.
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R { bytes.withUnsafeBytes(body) }
}
