import RNNCore
struct UnrolledFigure: Figure {
    init(trace: LessonTrace) {}
    func size(_ canvas: Canvas) throws -> Size { Size(width: 100, height: 100) }
    func draw(_ canvas: Canvas, size: Size) throws {}
}
struct CellFigure: Figure {
    init(trace: LessonTrace) {}
    func size(_ canvas: Canvas) throws -> Size { Size(width: 100, height: 100) }
    func draw(_ canvas: Canvas, size: Size) throws {}
}
struct StepFigure: Figure {
    init(trace: LessonTrace, t: Int) {}
    func size(_ canvas: Canvas) throws -> Size { Size(width: 100, height: 100) }
    func draw(_ canvas: Canvas, size: Size) throws {}
}
