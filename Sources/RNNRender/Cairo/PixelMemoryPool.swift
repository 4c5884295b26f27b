import Foundation

/// Keeps the pixel memory of large image surfaces for the next figure.
///
/// A figure at scale 2 is tens of megabytes of pixels; fresh memory costs a page fault per 4 KiB
/// page on first touch, which took as long as drawing. Memory handed back is kept (at most one
/// block per core, at most 4) and handed out again, uncleared, to the next surface that fits.
final class PixelMemoryPool: @unchecked Sendable {
    /// The pool all image surfaces share.
    static let shared = PixelMemoryPool(maxKept: min(max(2, ProcessInfo.processInfo.activeProcessorCount), 4))
    /// Smaller surfaces are not worth pooling.
    static let minimumBytes = 1 << 20

    /// A block of memory and its size in bytes.
    struct Block {
        let pointer: UnsafeMutableRawPointer
        let capacity: Int
    }

    private let lock = NSLock()
    private var kept: [Block] = []
    private let maxKept: Int

    init(maxKept: Int) { self.maxKept = maxKept }

    /// The smallest kept block of at least `bytes` bytes (contents left as they were), or a new one.
    func take(_ bytes: Int) -> Block {
        lock.lock()
        let best = kept.indices.filter { kept[$0].capacity >= bytes }.min { kept[$0].capacity < kept[$1].capacity }
        let block = best.map { kept.remove(at: $0) }
        lock.unlock()
        return block ?? Block(pointer: .allocate(byteCount: bytes, alignment: 64), capacity: bytes)
    }

    /// Keeps `block` for later; the smallest block goes when more than `maxKept` are kept.
    func giveBack(_ block: Block) {
        lock.lock()
        kept.append(block)
        var dropped: Block?
        if kept.count > maxKept, let smallest = kept.indices.min(by: { kept[$0].capacity < kept[$1].capacity }) {
            dropped = kept.remove(at: smallest)
        }
        lock.unlock()
        dropped?.pointer.deallocate()
    }

    /// Frees every kept block.
    func drain() {
        lock.lock()
        let all = kept
        kept = []
        lock.unlock()
        for block in all { block.pointer.deallocate() }
    }
}
