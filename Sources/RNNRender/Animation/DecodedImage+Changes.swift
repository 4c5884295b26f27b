import Foundation

extension DecodedImage {
    /// The smallest rectangle (left, top, width, height) holding every pixel that differs from
    /// `previous` (of the same size); width 0 when none does.
    func changedRect(since previous: DecodedImage) -> (Int, Int, Int, Int) {
        precondition(previous.width == width && previous.height == height, "frames of one animation have one size")
        return pixels.withUnsafeBufferPointer { now in
            previous.pixels.withUnsafeBufferPointer { before in
                let rowBytes = width * 4
                func differs(_ row: Int) -> Bool { memcmp(now.baseAddress! + row * width, before.baseAddress! + row * width, rowBytes) != 0 }
                guard let top = (0..<height).first(where: differs) else { return (0, 0, 0, 0) }
                let bottom = (top..<height).last(where: differs)!
                var left = width, right = -1
                for row in top...bottom where differs(row) {
                    let base = row * width
                    var l = 0
                    while l < min(left, width), now[base + l] == before[base + l] { l += 1 }
                    left = min(left, l)
                    var r = width - 1
                    while r > max(right, l), now[base + r] == before[base + r] { r -= 1 }
                    right = max(right, r)
                }
                return (left, top, right - left + 1, bottom - top + 1)
            }
        }
    }
}
