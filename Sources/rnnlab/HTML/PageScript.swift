/// The lesson page's script, plain JavaScript without libraries, in parts a student can read in
/// the page's source: where we are and what the keys do (this file), numbers and colours, the
/// unrolled network, and the step's details.
enum PageScript {
    /// The whole script.
    static var source: String { [navigation, numbers, unrolled, details, start].joined(separator: "\n") }

    /// State, keys, buttons and the slider.
    static let navigation = #"""
    "use strict";
    // RNNLab's lesson page. Every number is in <script id="lesson-data"> above, written by
    // `rnnlab html` from the lesson's trace; this script only shows them and fetches nothing.
    const data = JSON.parse(document.getElementById("lesson-data").textContent);
    const byId = (id) => document.getElementById(id);

    // ---- Where we are: the training snapshot, the step, predict-then-reveal ----

    const state = {
      view: data.start,                        // which of data.views: a snapshot iteration, or trained
      position: 0,                             // the input (encoder) steps first, then the decoder steps
      reveal: { on: false, revealed: false },  // predict-then-reveal
    };

    function currentView() { return data.views[state.view]; }

    /** The number of positions of a view: its input steps, then its decoder steps. */
    function positionCount(view) { return view.steps.length + (view.decoder ? view.decoder.length : 0); }

    /** Position `position` of `view` as { kind: "input" or "decoder", index }. */
    function positionAt(view, position) {
      return position < view.steps.length
        ? { kind: "input", index: position }
        : { kind: "decoder", index: position - view.steps.length };
    }

    /** Whether the current step's prediction is hidden: predict-then-reveal is on, not yet revealed. */
    function hidesPrediction() { return state.reveal.on && !state.reveal.revealed; }

    /** Shows position `position` (kept in range); another step hides its prediction again. */
    function moveTo(position) {
      const clamped = Math.min(Math.max(position, 0), positionCount(currentView()) - 1);
      if (clamped !== state.position) state.reveal.revealed = false;
      state.position = clamped;
      render();
    }

    /** Shows the network as it was at snapshot `index` of the slider, at the same step when it has it. */
    function showView(index) {
      const clamped = Math.min(Math.max(index, 0), data.views.length - 1);
      if (clamped !== state.view) {
        state.view = clamped;
        state.reveal.revealed = false;
        state.position = Math.min(state.position, positionCount(currentView()) - 1);
      }
      render();
    }

    /** The r key, as in the terminal: hide the prediction, then reveal it, then leave the mode. */
    function toggleReveal() {
      const reveal = state.reveal;
      if (!reveal.on) {
        reveal.on = true;
        reveal.revealed = false;
      } else if (!reveal.revealed) {
        reveal.revealed = true;
      } else {
        reveal.on = false;
      }
      render();
    }

    const actions = {
      next: () => moveTo(state.position + 1),
      back: () => moveTo(state.position - 1),
      first: () => moveTo(0),
      last: () => moveTo(positionCount(currentView()) - 1),
      reveal: toggleReveal,
      later: () => showView(state.view + 1),
      earlier: () => showView(state.view - 1),
    };

    /** The keys of the terminal's step view, and ↑ ↓ for the training snapshots. */
    const keyActions = {
      ArrowRight: "next", n: "next", " ": "next",
      ArrowLeft: "back", p: "back",
      Home: "first", End: "last",
      r: "reveal",
      ArrowUp: "later", ArrowDown: "earlier",
    };

    function listen() {
      document.addEventListener("keydown", (event) => {
        if (event.ctrlKey || event.altKey || event.metaKey) return;
        const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
        const action = keyActions[key];
        if (!action) return;
        event.preventDefault();
        actions[action]();
      });
      for (const button of document.querySelectorAll("[data-action]")) {
        button.addEventListener("click", () => actions[button.dataset.action]());
      }
      byId("snapshot").addEventListener("input", (event) => showView(Number(event.target.value)));
      byId("unrolled").addEventListener("click", (event) => {
        const column = event.target.closest("[data-position]");
        if (column) moveTo(Number(column.dataset.position));
      });
      let redrawing = false;
      window.addEventListener("resize", () => {
        if (redrawing) return;
        redrawing = true;
        requestAnimationFrame(() => {
          redrawing = false;
          render();
        });
      });
    }

    /** Draws everything for the current state. */
    function render() {
      const view = currentView();
      const at = positionAt(view, state.position);
      renderControls(view);
      renderCaption(view, at);
      drawUnrolled(view, at);
      renderOutcome(view, at);
      renderDetails(view, at);
    }

    function renderControls(view) {
      const last = positionCount(view) - 1;
      for (const button of document.querySelectorAll("[data-action]")) {
        const action = button.dataset.action;
        if (action === "first" || action === "back") button.disabled = state.position === 0;
        if (action === "next" || action === "last") button.disabled = state.position === last;
      }
      const reveal = byId("reveal-button");
      reveal.setAttribute("aria-pressed", String(state.reveal.on));
      reveal.textContent = !state.reveal.on ? "r hide prediction" : state.reveal.revealed ? "r reveal mode off" : "r REVEAL";
      byId("snapshot").value = String(state.view);
      byId("snapshot-label").textContent = hidesPrediction() ? view.description : `${view.description} · ${view.prediction}`;
    }

    /** The slider's marks: the snapshot iterations, then "trained". */
    function renderTicks() {
      byId("snapshot-ticks").replaceChildren(...data.views.map((view) => element("span", "", view.tick)));
    }

    /** A new element with a class and text. */
    function element(tag, className = "", text = null) {
      const made = document.createElement(tag);
      if (className) made.className = className;
      if (text != null) made.textContent = text;
      return made;
    }

    """#

    /// Starts the page.
    static let start = #"""
    listen();
    renderTicks();
    renderLegend();
    render();
    """#
}
