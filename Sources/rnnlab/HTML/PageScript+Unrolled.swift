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

    /** What each column shows at the current state. */
    function unrolledColumns(view, at) {
      const hide = hidesPrediction();
      const current = state.position;
      const columns = view.steps.map((step, t) => {
        let output = null;
        if (step.prediction != null && !view.decoder) {
          output = t === current && hide ? { text: "?", hidden: true } : { text: step.prediction, right: step.right };
        }
        return { position: t, group: "encoder", input: step.input, states: step.layers.map((layer) => layer.h), output, target: step.target };
      });
      if (at.kind === "decoder") {
        const attention = view.decoder[at.index].attention;
        if (attention) columns.forEach((column, j) => { column.attention = attention[j]; });
      }
      (view.decoder || []).forEach((step, k) => {
        const position = view.steps.length + k;
        const output = position === current && hide ? { text: "?", hidden: true } : { text: step.output };
        columns.push({ position, group: "decoder", input: step.input, states: [step.state], output });
      });
      return columns;
    }

    function drawUnrolled(view, at) {
      const layout = unrolledLayout;
      const columns = unrolledColumns(view, at);
      const current = state.position;
      const layers = Math.max(...columns.map((column) => column.states.length));
      const seq2seq = Boolean(view.decoder);

      // Rows, top to bottom: targets (or the encoder / decoder names), outputs, hidden layers, inputs, t.
      const topRow = 22;
      const outputY = 34;
      const stateY = [];
      let y = outputY + layout.box + layout.rowGap;
      for (let k = layers - 1; k >= 0; k--) {
        stateY[k] = y;
        y += layout.box + layout.rowGap;
      }
      const inputY = y;
      const indexY = inputY + layout.box + 22;
      const height = indexY + 12;

      // Columns, as wide as their longest token.
      let x = layout.labels;
      columns.forEach((column, i) => {
        if (i > 0 && column.group !== columns[i - 1].group) x += layout.groupGap;
        const longest = Math.max(characterCount(column.input), characterCount(column.output && column.output.text), characterCount(column.target));
        column.x = x;
        column.width = Math.max(layout.minimumColumn, 18 + layout.characterWidth * longest);
        x += column.width + layout.columnGap;
      });
      const width = x;
      // As large as the page's text: up to 1.6 times that when the screen has room (a projector),
      // down to 0.8 times to fit a phone; wider networks scroll sideways.
      const textScale = rootFontSize() / 16;
      const room = byId("unrolled").clientWidth / (width * textScale);
      const scale = textScale * Math.min(Math.max(room, 0.8), 1.6);
      const picture = svg("svg", {
        viewBox: `0 0 ${width} ${height}`, width: Math.round(width * scale), height: Math.round(height * scale),
        role: "img", "aria-label": "The network unrolled over the input, the current step marked",
        "font-size": 15,
      });
      picture.append(arrowMarker());

      // Row names, by their baselines.
      const middleOf = (top) => top + layout.box / 2 + 5;
      const names = [[middleOf(outputY), "output"], [middleOf(inputY), "input"], [indexY, "t"]];
      if (columns.some((column) => column.target != null)) names.push([topRow, data.forecast ? "actual" : "target"]);
      stateY.forEach((top, k) => names.push([middleOf(top), layers > 1 ? `hidden L${k + 1}` : "hidden"]));
      for (const [baseline, name] of names) {
        picture.append(svg("text", { x: 6, y: baseline, fill: "#5f6368", "font-size": 13 }, name));
      }

      columns.forEach((column, i) => {
        const done = column.position <= current;
        const group = svg("g", { "data-position": column.position, opacity: done ? 1 : 0.45 });
        const middle = column.x + column.width / 2;
        if (column.position === current) {
          group.setAttribute("aria-current", "step");
          group.append(svg("rect", { x: column.x - 6, y: 4, width: column.width + 12, height: height - 8, rx: 8, fill: "#fff1a8", stroke: "#1a1a1a", "stroke-width": 2 }));
        } else {
          group.append(svg("rect", { x: column.x - 6, y: 4, width: column.width + 12, height: height - 8, fill: "transparent" }));
        }
        if (column.target != null) {
          group.append(svg("text", { x: middle, y: topRow, "text-anchor": "middle", fill: "#5f6368" }, column.target));
        }

        // Output (or, on the encoder while the decoder writes, the attention weight).
        const bottomState = stateY[0];
        const topState = stateY[column.states.length - 1];
        if (column.attention != null) {
          const fill = unitScale.colour(column.attention);
          group.append(box(column.x, outputY, column.width, css(fill), "#1a1a1a"));
          group.append(svg("text", { x: middle, y: outputY + 26, "text-anchor": "middle", fill: textColourOn(fill), "font-weight": "bold" }, short(column.attention)));
          group.append(arrow(middle, topState, middle, outputY + layout.box, "#8a8f96"));
        } else if (column.output) {
          group.append(outputBox(column, done, outputY));
          group.append(arrow(middle, topState, middle, outputY + layout.box));
        }

        // Hidden states, bottom layer first, each fed by the one below.
        column.states.forEach((values, k) => {
          const top = stateY[k];
          group.append(stateBox(column.x, top, column.width, done ? values : null));
          if (k > 0) group.append(arrow(middle, stateY[k - 1], middle, top + layout.box));
        });
        group.append(arrow(middle, inputY, middle, bottomState + layout.box));

        // Input.
        const known = done || column.group === "encoder";
        group.append(box(column.x, inputY, column.width, "#fbe4e4", "#e06666"));
        group.append(svg("text", { x: middle, y: inputY + 26, "text-anchor": "middle", fill: "#1a1a1a" }, known ? column.input : "·"));
        group.append(svg("text", { x: middle, y: indexY, "text-anchor": "middle", fill: "#5f6368", "font-size": 13 }, String(column.group === "decoder" ? column.position - view.steps.length : column.position)));
        picture.append(group);

        // The state carried to the next step (and from the encoder's last step to the decoder's first).
        const previous = columns[i - 1];
        if (previous) {
          const sameGroup = previous.group === column.group;
          const rows = sameGroup ? column.states.map((_, k) => k) : [previous.states.length - 1];
          for (const k of rows) {
            const from = stateY[k] + layout.box / 2;
            const to = sameGroup ? from : stateY[0] + layout.box / 2;
            picture.append(arrow(previous.x + previous.width, from, column.x, to, done ? "#3c4043" : "#b0b4b8"));
          }
        }
      });

      // The names of the two halves of a seq2seq network.
      if (seq2seq) {
        const encoderName = at.kind === "decoder" ? "encoder: the attention paid to each word now" : "encoder: reads the question";
        for (const [name, text] of [["encoder", encoderName], ["decoder", "decoder: writes the answer"]]) {
          const part = columns.filter((column) => column.group === name);
          if (part.length === 0) continue;
          picture.append(svg("text", { x: part[0].x, y: topRow, fill: "#5f6368", "font-size": 13 }, text));
        }
      }

      const holder = byId("unrolled");
      holder.replaceChildren(picture);
      const marked = columns.find((column) => column.position === current);
      if (marked) {
        const left = (marked.x - 30) * scale;
        const right = (marked.x + marked.width + 30) * scale;
        if (left < holder.scrollLeft || right > holder.scrollLeft + holder.clientWidth) {
          holder.scrollLeft = Math.max(0, (left + right - holder.clientWidth) / 2);
        }
      }
    }

    function box(x, y, width, fill, stroke, dashed = false) {
      const attributes = { x, y, width, height: unrolledLayout.box, rx: 6, fill, stroke, "stroke-width": 2 };
      if (dashed) attributes["stroke-dasharray"] = "5 3";
      return svg("rect", attributes);
    }

    /** The predicted token: blue with ✓ when right, orange with ✗ when wrong, ? while hidden. */
    function outputBox(column, done, y) {
      const group = svg("g");
      const middle = column.x + column.width / 2;
      const output = column.output;
      if (!done) {
        group.append(box(column.x, y, column.width, "#e8f0f8", "#3d85c6"));
        group.append(svg("text", { x: middle, y: y + 26, "text-anchor": "middle", fill: "#5f6368" }, "·"));
        return group;
      }
      if (output.hidden) {
        group.append(box(column.x, y, column.width, "#fff1a8", "#1a1a1a", true));
        group.append(svg("text", { x: middle, y: y + 26, "text-anchor": "middle", "font-weight": "bold", fill: "#1a1a1a" }, "?"));
        return group;
      }
      const colour = output.right === true ? "#0072b2" : output.right === false ? "#c4410c" : "#1a1a1a";
      group.append(box(column.x, y, column.width, "#e8f0f8", "#3d85c6"));
      group.append(svg("text", { x: middle, y: y + 26, "text-anchor": "middle", "font-weight": "bold", fill: colour }, output.text));
      if (output.right != null) {
        group.append(svg("text", { x: column.x + column.width - 3, y: y + 13, "text-anchor": "end", "font-size": 12, fill: colour }, output.right ? "✓" : "✗"));
      }
      return group;
    }

    /** A hidden state: a cell per unit coloured −1…1, or an empty box for a step not computed yet. */
    function stateBox(x, y, width, values) {
      const group = svg("g");
      group.append(box(x, y, width, values ? "#ffffff" : "#eceff1", "#6aa84f"));
      if (!values) return group;
      const inner = width - 8;
      const cell = inner / values.length;
      values.forEach((value, u) => {
        group.append(svg("rect", { x: x + 4 + u * cell, y: y + 5, width: cell + 0.2, height: unrolledLayout.box - 10, fill: css(signedScale.colour(value)) }));
      });
      return group;
    }

    function arrow(x1, y1, x2, y2, colour = "#3c4043") {
      return svg("line", { x1, y1, x2, y2, stroke: colour, "stroke-width": 1.5, "marker-end": "url(#arrowhead)" });
    }

    function arrowMarker() {
      const defs = svg("defs");
      const marker = svg("marker", { id: "arrowhead", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto" });
      marker.append(svg("path", { d: "M0,0 L10,5 L0,10 z", fill: "#3c4043" }));
      defs.append(marker);
      return defs;
    }

    """#
}
