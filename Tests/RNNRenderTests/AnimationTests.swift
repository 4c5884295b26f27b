import Foundation
import Testing
@testable import RNNRender
import RNNTrace

/// GIFs of training and of the step-through, read back through giflib.
@Suite struct AnimationTests {
    /// The hello trace as it was at iterations 0, 10 … 50 (the network values kept, the iteration set).
    static func frames() -> [LessonTrace] {
        let trace = SyntheticTraces.hello()
        return stride(from: 0, through: 50, by: 10).map { iteration in
            var frame = trace
            frame.shownIteration = iteration
            frame.snapshots = trace.snapshots.filter { $0.iteration <= iteration }.suffix(1)
            return frame
        }
    }

    @Test func aTrainingAnimationHasAFramePerIterationAndPausesOnTheLast() throws {
        let frames = Self.frames()
        let gif = try FigureAnimation.render(.loss, frames: frames, scale: 0.5)
        let decoded = try GIFDecoder.decode(gif)
        #expect(decoded.count == frames.count)
        #expect(decoded.dropLast().allSatisfy { $0.delay == FigureAnimation.frameDelay })
        #expect(decoded.last?.delay == FigureAnimation.lastFrameDelay)
        #expect(decoded.allSatisfy { $0.image.width == 480 && $0.image.height == 270 })
        #expect(try FigureAnimation.render(.loss, frames: frames, scale: 0.5) == gif, "same frames, same bytes")
    }

    /// The share of pixels within `tolerance` per channel, and the mean difference.
    static func likeness(_ a: DecodedImage, _ b: DecodedImage, tolerance: Int = 12) -> (share: Double, mean: Double) {
        var near = 0, total = 0
        for (p, q) in zip(a.pixels, b.pixels) {
            var worst = 0
            for shift in [0, 8, 16] as [UInt32] {
                let d = abs(Int((p >> shift) & 0xFF) - Int((q >> shift) & 0xFF))
                worst = max(worst, d)
                total += d
            }
            if worst <= tolerance { near += 1 }
        }
        return (Double(near) / Double(a.pixels.count), Double(total) / Double(3 * a.pixels.count))
    }

    @Test(arguments: [FigureAnimation.hidden, .predictions, .loss])
    func framesAreThePicturesOfThePNGsOfThoseIterations(_ animation: FigureAnimation) throws {
        let frames = Self.frames()
        let decoded = try GIFDecoder.decode(try FigureAnimation.render(animation, frames: frames, scale: 0.5))
        for k in [0, 3, frames.count - 1] {
            let png = try PNGDecoder.decode(
                try FigureRenderer.render(animation.figure!, trace: frames[k], format: .png, scale: 0.5, page: .widescreen))
            #expect(png.width == decoded[k].image.width && png.height == decoded[k].image.height)
            let (share, mean) = Self.likeness(decoded[k].image, png)
            #expect(share > 0.9 && mean < 2, "\(animation) frame \(k): \(share) of pixels alike, mean difference \(mean)")
        }
        // The frames differ: each shows its own iteration (and loss) in the headline.
        #expect(Self.likeness(decoded[0].image, decoded[frames.count - 1].image, tolerance: 0).share < 1)
    }

    @Test func theStepThroughHasAFramePerStepThenPerAnswerWord() throws {
        let hello = SyntheticTraces.hello()
        #expect(try GIFDecoder.decode(try FigureAnimation.render(.steps, frames: [hello], scale: 0.25)).count == hello.steps.count)
        let seq2seq = SyntheticTraces.seq2seq()
        let frames = try GIFDecoder.decode(try FigureAnimation.render(.steps, frames: [seq2seq], scale: 0.25))
        #expect(frames.count == seq2seq.steps.count + seq2seq.decoder!.count)
        #expect(frames.last?.delay == FigureAnimation.lastFrameDelay && frames.first?.delay == FigureAnimation.stepDelay)
    }

    @Test func animationsFollowTheTrace() throws {
        #expect(FigureAnimation.available(for: SyntheticTraces.hello()) == [.predictions, .hidden, .loss, .steps])
        #expect(FigureAnimation.available(for: SyntheticTraces.seq2seq()).contains(.attention))
        #expect(throws: RenderError.self) { try FigureAnimation.render(.attention, frames: [SyntheticTraces.hello()]) }
        #expect(throws: RenderError.self) { try FigureAnimation.render(.loss, frames: []) }
    }

    @Test func unchangedFramesAreKept() throws {
        let trace = SyntheticTraces.hello()
        let gif = try FigureAnimation.render(.hidden, frames: [trace, trace, trace], scale: 0.25)
        #expect(try GIFDecoder.decode(gif).count == 3)
    }
}
