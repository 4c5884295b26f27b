/// The files of a lesson's output folder that belong to a run — those a run writes, and so
/// replaces — by their paths inside the folder. Everything else stays when a run replaces the
/// folder: the user's own files, frames saved with `s` (`saved/`), chat pictures (`chat/`).
struct RunFiles {
    /// The lesson's name (its page is `NAME.html`).
    var lesson: String
    /// Whether a path is a figure or step frame of a run (known to the code that draws them).
    var isFigureFile: (String) -> Bool

    /// Whether `path` is a run's file: `trace.json`, `model.safetensors`,
    /// `snapshots/iteration-K.safetensors`, the lesson's page `NAME.html`, or a figure.
    func contains(_ path: String) -> Bool {
        if ["trace.json", "model.safetensors", "\(lesson).html"].contains(path) { return true }
        if path.hasPrefix("snapshots/iteration-") && path.hasSuffix(".safetensors") && !path.dropFirst(10).contains("/") { return true }
        return isFigureFile(path)
    }
}
