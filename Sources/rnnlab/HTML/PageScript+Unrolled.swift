extension PageScript {
    /// The network unrolled over the input, filled up to the current step, drawn as SVG.
    static let unrolled = #"""
    // ---- The unrolled network ----
    // A column per step, as the lecture draws it: the input at the bottom, the hidden state (a
    // coloured cell per unit, a box per layer) above it, the output on top. Steps after the
    // current one are faded and not computed yet. A seq2seq network has the encoder's columns,
    // then the decoder's; while the decoder writes, the encoder's columns show its attention.

    const svgNamespace = "http://www.w3.org/2000/svg";  // a name, not an address: nothing is fetched

    function svg(tag, attributes = {}, text = null) {
      const made = document.createElementNS(svgNamespace, tag);
      for (const [name, value] of Object.entries(attributes)) made.setAttribute(name, String(value));
      if (text != null) made.textContent = text;
      return made;
    }

    /** Sizes in pixels at a 16-pixel page font; the drawing is scaled with the page's text. */
    const unrolledLayout = { labels: 92, box: 40, rowGap: 22, columnGap: 14, groupGap: 40, characterWidth: 10, minimumColumn: 54 };

    /** What each column shows at the current state; `longest` (for its width) counts hidden tokens too. */
    function unrolledColumns(view, at) {
      const hide = hidesPrediction();
      const current = state.position;
      const columns = view.steps.map((step, t) => {
        let output = null;
        if (step.prediction != null && !view.decoder) {
          output = t === current && hide ? { text: "?", hidden: true } : { text: step.prediction, right: step.right };
        }
        return {
          position: t, index: t, group: "encoder", input: step.input, states: step.layers.map((layer) => layer.h),
          output, target: step.target, longest: Math.max(...[step.input, step.prediction, step.target].map(characterCount)),
        };
      });
      if (at.kind === "decoder") {
        const attention = view.decoder[at.index].attention;
        if (attention) columns.forEach((column, j) => { column.attention = attention[j]; });
      }
      (view.decoder || []).forEach((step, k) => {
        const position = view.steps.length + k;
        const output = position === current && hide ? { text: "?", hidden: true } : { text: step.output };
        columns.push({
          position, index: k, group: "decoder", input: step.input, states: [step.state], output,
          longest: Math.max(characterCount(step.input), characterCount(step.output)),
        });
      });
      for (const column of columns) column.done = column.position <= current;
      return columns;
    }

    /** Where the rows are, top to bottom: targets (or the halves' names), outputs, hidden layers, inputs, t. */
    function unrolledRows(layers) {
      const layout = unrolledLayout;
      const rows = { top: 22, output: 34, states: [] };
      let y = rows.output + layout.box + layout.rowGap;
      for (let k = layers - 1; k >= 0; k--) {
        rows.states[k] = y;
        y += layout.box + layout.rowGap;
      }
      rows.input = y;
      rows.index = y + layout.box + 22;
      rows.height = rows.index + 12;
      return rows;
    }

    /** Gives each column its x and width (as wide as its longest token); returns the drawing's width. */
    function placeColumns(columns) {
      const layout = unrolledLayout;
      let x = layout.labels;
      columns.forEach((column, i) => {
        if (i > 0 && column.group !== columns[i - 1].group) x += layout.groupGap;
        column.x = x;
        column.width = Math.max(layout.minimumColumn, 18 + layout.characterWidth * column.longest);
        column.middle = x + column.width / 2;
        x += column.width + layout.columnGap;
      });
      return x;
    }

    function drawUnrolled(view, at) {
      const columns = unrolledColumns(view, at);
      const rows = unrolledRows(Math.max(...columns.map((column) => column.states.length)));
      const width = placeColumns(columns);
      // As large as the page's text: up to 1.6 times that when the screen has room (a projector),
      // down to 0.8 times to fit a phone; wider networks scroll sideways.
      const holder = byId("unrolled");
      const textScale = rootFontSize() / 16;
      const scale = textScale * Math.min(Math.max(holder.clientWidth / (width * textScale), 0.8), 1.6);
      const picture = svg("svg", {
        viewBox: `0 0 ${width} ${rows.height}`, width: Math.round(width * scale), height: Math.round(rows.height * scale),
        role: "img", "aria-label": "The network unrolled over the input, the current step marked",
      });
      picture.append(arrowMarker());
      columns.forEach((column, i) => {
        picture.append(columnDrawing(column, rows));
        if (i > 0) picture.append(...carriedState(columns[i - 1], column, rows));
      });
      picture.append(...rowNames(view, at, columns, rows));
      holder.replaceChildren(picture);
      scrollToCurrent(holder, columns.find((column) => column.position === state.position), scale);
    }

    /** The rows' names on the left, and a seq2seq network's halves named above them. */
    function rowNames(view, at, columns, rows) {
      const middleOf = (top) => top + unrolledLayout.box / 2 + 5;
      const names = [[6, middleOf(rows.output), "output"], [6, middleOf(rows.input), "input"], [6, rows.index, "t"]];
      rows.states.forEach((top, k) => names.push([6, middleOf(top), rows.states.length > 1 ? `hidden L${k + 1}` : "hidden"]));
      if (columns.some((column) => column.target != null)) names.push([6, rows.top, data.forecast ? "actual" : "target"]);
      if (view.decoder) {
        const encoder = at.kind === "decoder" ? "encoder: the attention paid to each word now" : "encoder: reads the question";
        names.push([columns[0].x, rows.top, encoder]);
        names.push([columns[view.steps.length].x, rows.top, "decoder: writes the answer"]);
      }
      return names.map(([x, y, text]) => svg("text", { x, y, class: "name" }, text));
    }

    /** One step's column: the band marking the current step, target, output (or attention), states, input, t. */
    function columnDrawing(column, rows) {
      const layout = unrolledLayout;
      const group = svg("g", { "data-position": column.position, opacity: column.done ? 1 : 0.45 });
      const current = column.position === state.position;
      if (current) group.setAttribute("aria-current", "step");
      group.append(svg("rect", { x: column.x - 6, y: 4, width: column.width + 12, height: rows.height - 8, rx: 8, class: current ? "band" : "hit" }));
      const middle = column.middle;
      if (column.target != null) group.append(svg("text", { x: middle, y: rows.top, class: "target" }, column.target));

      const topState = rows.states[column.states.length - 1];
      if (column.attention != null) {
        const fill = unitScale.colour(column.attention);
        group.append(box(column.x, rows.output, column.width, "attention", css(fill)));
        group.append(svg("text", { x: middle, y: rows.output + 26, class: "token", fill: textColourOn(fill) }, short(column.attention)));
        group.append(arrow(middle, topState, middle, rows.output + layout.box, "faint"));
      } else if (column.output) {
        group.append(...outputBox(column, rows.output));
        group.append(arrow(middle, topState, middle, rows.output + layout.box));
      }
      column.states.forEach((values, k) => {
        group.append(...stateBox(column.x, rows.states[k], column.width, column.done ? values : null));
        if (k > 0) group.append(arrow(middle, rows.states[k - 1], middle, rows.states[k] + layout.box));
      });
      group.append(arrow(middle, rows.input, middle, rows.states[0] + layout.box));
      // A decoder's input is its previous output: not known before that step.
      const known = column.done || column.group === "encoder";
      group.append(box(column.x, rows.input, column.width, "input"));
      group.append(svg("text", { x: middle, y: rows.input + 26, class: "token plain" }, known ? column.input : "·"));
      group.append(svg("text", { x: middle, y: rows.index, class: "index" }, String(column.index)));
      return group;
    }

    /** The state carried from one step to the next, per layer (from the encoder's last step to the decoder's first: one). */
    function carriedState(previous, column, rows) {
      const sameGroup = previous.group === column.group;
      const layers = sameGroup ? column.states.map((_, k) => k) : [previous.states.length - 1];
      return layers.map((k) => {
        const from = rows.states[k] + unrolledLayout.box / 2;
        const to = sameGroup ? from : rows.states[0] + unrolledLayout.box / 2;
        return arrow(previous.x + previous.width, from, column.x, to, column.done ? "" : "faint");
      });
    }

    /** Scrolls the drawing sideways so that the current column is in sight. */
    function scrollToCurrent(holder, column, scale) {
      if (!column) return;
      const left = (column.x - 30) * scale;
      const right = (column.x + column.width + 30) * scale;
      if (left < holder.scrollLeft || right > holder.scrollLeft + holder.clientWidth) {
        holder.scrollLeft = Math.max(0, (left + right - holder.clientWidth) / 2);
      }
    }

    /** A box of the drawing; its colours come from the style sheet (`kind`), or `fill`. */
    function box(x, y, width, kind, fill = null) {
      const attributes = { x, y, width, height: unrolledLayout.box, rx: 6, class: `box ${kind}` };
      if (fill) attributes.fill = fill;
      return svg("rect", attributes);
    }

    /** The predicted token: blue with ✓ when right, orange with ✗ when wrong, ? while hidden, · not yet. */
    function outputBox(column, y) {
      const output = column.output;
      const textAt = { x: column.middle, y: y + 26 };
      if (!column.done) return [box(column.x, y, column.width, "output"), svg("text", { ...textAt, class: "token dim" }, "·")];
      if (output.hidden) return [box(column.x, y, column.width, "output hidden"), svg("text", { ...textAt, class: "token" }, "?")];
      const verdict = rightClass(output.right);
      const parts = [box(column.x, y, column.width, "output"), svg("text", { ...textAt, class: `token ${verdict}` }, output.text)];
      if (verdict) parts.push(svg("text", { x: column.x + column.width - 3, y: y + 13, class: `mark ${verdict}` }, output.right ? "✓" : "✗"));
      return parts;
    }

    /** A hidden state: a cell per unit coloured −1…1, or an empty box for a step not computed yet. */
    function stateBox(x, y, width, values) {
      if (!values) return [box(x, y, width, "state empty")];
      const cell = (width - 8) / values.length;
      const cells = values.map((value, u) =>
        svg("rect", { x: x + 4 + u * cell, y: y + 5, width: cell + 0.2, height: unrolledLayout.box - 10, fill: css(signedScale.colour(value)) }));
      return [box(x, y, width, "state"), ...cells];
    }

    function arrow(x1, y1, x2, y2, kind = "") {
      return svg("line", { x1, y1, x2, y2, class: `arrow ${kind}`, "marker-end": "url(#arrowhead)" });
    }

    function arrowMarker() {
      const defs = svg("defs");
      const marker = svg("marker", { id: "arrowhead", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto" });
      marker.append(svg("path", { d: "M0,0 L10,5 L0,10 z", class: "arrowhead" }));
      defs.append(marker);
      return defs;
    }

    """#
}
