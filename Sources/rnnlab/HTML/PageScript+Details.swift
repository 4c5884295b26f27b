extension PageScript {
    /// The current step in words and numbers: caption, outcome, vectors, next tokens, legend.
    static let details = #"""
    // ---- The current step: which it is, its outcome, its vectors, the likeliest next tokens ----

    /** "t = 2 of 0…5 · reading “h”", "decoder t = 1 of 0…15 · fed “a”". */
    function renderCaption(view, at) {
      let text;
      if (at.kind === "input") {
        const what = view.decoder ? "encoder t" : "t";
        text = `${what} = ${at.index} of 0…${view.steps.length - 1} · reading “${view.steps[at.index].input}”`;
      } else {
        text = `decoder t = ${at.index} of 0…${view.decoder.length - 1} · fed “${view.decoder[at.index].input}”`;
      }
      const caption = byId("caption");
      caption.replaceChildren(element("span", "", text));
      if (view.decoder) caption.append(element("span", "dim", `   (position ${state.position} of 0…${positionCount(view) - 1})`));
      if (state.reveal.on) caption.append(element("span", "badge", "predict-then-reveal"));
    }

    /** Prediction against target, right or wrong, or a question while it is hidden. */
    function renderOutcome(view, at) {
      const outcome = byId("outcome");
      outcome.replaceChildren(...outcomeParts(view, at));
    }

    function outcomeParts(view, at) {
      const hide = hidesPrediction();
      const hidden = () => [element("span", "hidden-value", "?")];
      const ask = (what) => element("span", "ask", ` — What will the network ${what}? Press r to reveal.`);
      if (at.kind === "decoder") {
        const step = view.decoder[at.index];
        const parts = [element("span", "", `fed “${step.input}” → output `)];
        if (hide) return [...parts, ...hidden(), ask("answer")];
        parts.push(element("strong", "prediction", step.output));
        if (step.top.length > 0 && step.top[0].token === step.output) parts.push(element("span", "dim", ` (p = ${short(step.top[0].p)})`));
        return parts;
      }
      const step = view.steps[at.index];
      if (view.decoder) return [element("span", "dim", `The encoder reads the question; the answer starts at position ${view.steps.length}.`)];
      if (step.prediction == null) {
        if (!data.forecast) return [element("span", "dim", "No prediction at this step.")];
        return [element("span", "dim", data.forecast.reading)];
      }
      if (data.forecast) {
        const parts = [element("span", "", `predicted ${data.forecast.targetName} `)];
        if (hide) return [...parts, ...hidden(), ask("predict")];
        parts.push(element("strong", "prediction", step.prediction));
        if (step.target != null) parts.push(element("span", "", ` · actual ${step.target}`));
        parts.push(element("br"), element("span", "dim", data.forecast.summary));
        return parts;
      }
      const parts = [element("span", "", "prediction ")];
      parts.push(...(hide ? hidden() : [element("strong", `prediction ${rightClass(step.right)}`, step.prediction)]));
      if (step.target != null) parts.push(element("span", "", " · target "), element("strong", "target", step.target));
      if (hide) parts.push(ask("predict"));
      else if (step.right != null) parts.push(element("span", rightClass(step.right), step.right ? " · ✓ right" : " · ✗ wrong"));
      return parts;
    }

    function rightClass(right) { return right === true ? "right" : right === false ? "wrong" : ""; }

    /** The step's vectors, then the likeliest next tokens. */
    function renderDetails(view, at) {
      const rows = at.kind === "input" ? stepRows(view, at.index) : decoderRows(view, at.index);
      const vectors = byId("vectors");
      vectors.replaceChildren(...rows.map(vectorRow));
      fitCells(vectors);
      if (at.kind === "input") {
        const step = view.steps[at.index];
        renderBars(step.top, { title: "next token", target: step.target, chosen: step.prediction, right: step.right });
      } else {
        renderBars(view.decoder[at.index].top, { title: "next word", target: null, chosen: view.decoder[at.index].output, right: null });
      }
    }

    /** x_t, then for each layer h_{t-1}, the gates, c_t and h_t — as the terminal lists them. */
    function stepRows(view, t) {
      const step = view.steps[t];
      const hot = step.x.filter((v) => v === 1).length;
      const oneHot = hot === 1 && step.x.every((v) => v === 0 || v === 1);
      const inUnitRange = step.x.every((v) => v >= 0 && v <= 1);
      const rows = [{
        symbol: "x", index: "t", values: step.x, scale: inUnitRange ? unitScale : symmetricScale(step.x),
        names: data.inputLabels && data.inputLabels.length === step.x.length ? data.inputLabels : null,
        note: oneHot ? `one-hot “${step.input}”` : null,
      }];
      const layered = step.layers.length > 1;
      step.layers.forEach((layer, k) => {
        const suffix = layered ? `L${k + 1}` : "";
        const before = t > 0 && view.steps[t - 1].layers[k] ? view.steps[t - 1].layers[k].h : layer.h.map(() => 0);
        rows.push({ gap: true });
        rows.push({ symbol: "h", index: "t−1", suffix, values: before, scale: signedScale });
        for (const gate of data.gates) {
          const values = layer.gates[gate.name];
          if (values) rows.push({ symbol: gate.name, description: gate.description, suffix, values, scale: gate.tanh ? signedScale : unitScale });
        }
        if (layer.c) {
          const scale = symmetricScale(layer.c);
          rows.push({ symbol: "c", index: "t", suffix, values: layer.c, scale, note: scale.bound > 1 ? `colours span ±${short(scale.bound)}` : null });
        }
        rows.push({ symbol: "h", index: "t", suffix, values: layer.h, scale: signedScale, emphasised: true });
      });
      return rows;
    }

    /** The attention over the question, then s_{t-1}, the context and s_t. */
    function decoderRows(view, k) {
      const step = view.decoder[k];
      const rows = [];
      if (step.attention) {
        rows.push({ symbol: "attention", values: step.attention, scale: unitScale, names: view.steps.map((s) => s.input) }, { gap: true });
      }
      const lastEncoder = view.steps[view.steps.length - 1];
      const before = k > 0 ? view.decoder[k - 1].state : lastEncoder.layers[lastEncoder.layers.length - 1].h;
      rows.push({ symbol: "s", index: "t−1", values: before, scale: signedScale });
      if (step.context) rows.push({ symbol: "context", index: "", values: step.context, scale: symmetricScale(step.context) });
      rows.push({ symbol: "s", index: "t", values: step.state, scale: signedScale, emphasised: true });
      return rows;
    }

    /** A labelled row of cells, each a unit's value on its colour. */
    function vectorRow(row) {
      if (row.gap) return element("div", "vgap");
      const line = element("div", row.emphasised ? "vrow emphasised" : "vrow");
      const label = element("div", "vlabel", row.symbol);
      if (row.index) label.append(element("sub", "", row.index));
      if (row.description) label.append(" ", element("span", "desc", row.description));
      if (row.suffix) label.append(" ", element("span", "desc", row.suffix));
      const holder = element("div", "vholder");
      holder.dataset.units = String(row.values.length);
      holder.style.setProperty("--units", String(row.values.length));
      if (row.names) holder.append(cells(row.names.map((name) => ({ text: name })), "vcells names"));
      holder.append(cells(row.values.map((value, unit) => {
        const colour = row.scale.colour(value);
        return { text: short(value), background: css(colour), colour: textColourOn(colour), title: `${row.names ? row.names[unit] : "unit " + unit}: ${short(value)}` };
      }), "vcells values"));
      const finite = row.values.filter((v) => v != null);
      holder.append(element("div", "vrange", finite.length ? `${short(Math.min(...finite))} … ${short(Math.max(...finite))}` : ""));
      if (row.note) holder.append(element("div", "vnote", row.note));
      line.append(label, holder);
      return line;
    }

    function cells(items, className) {
      const row = element("div", className);
      for (const item of items) {
        const cell = element("div", "cell", item.text);
        if (item.background) {
          cell.style.background = item.background;
          cell.style.color = item.colour;
        }
        if (item.title) cell.title = item.title;
        row.append(cell);
      }
      return row;
    }

    /** Values in their cells while a cell is wide enough for them; plain colours when not. */
    function fitCells(container) {
      const narrowest = 2.7 * rootFontSize();
      const holders = [...container.querySelectorAll(".vholder")];
      for (const holder of holders) holder.classList.remove("compact");
      const tooNarrow = holders.filter((holder) => holder.clientWidth / Number(holder.dataset.units) < narrowest);
      for (const holder of tooNarrow) holder.classList.add("compact");
    }

    /** The likeliest next tokens as bars, the prediction coloured, the target marked; hidden as "?". */
    function renderBars(top, { title, target, chosen, right }) {
      const bars = byId("bars");
      if (!top || top.length === 0) {
        bars.replaceChildren();
        return;
      }
      const hide = hidesPrediction();
      const list = element("ol");
      for (const entry of top) {
        const item = element("li");
        const track = element("span", "track");
        const fill = element("span", "fill");
        fill.style.width = hide ? "0" : `${Math.round(entry.p * 1000) / 10}%`;
        track.append(fill);
        if (hide) {
          item.append(element("span", "token", "?"), track, element("span", "p", "?.??"), element("span", "mark", ""));
        } else {
          if (entry.token === chosen) item.className = right === false ? "chosen wrong" : "chosen";
          item.append(element("span", "token", entry.token), track, element("span", "p", short(entry.p)),
                      element("span", "mark", entry.token === target ? "← target" : ""));
        }
        list.append(item);
      }
      bars.replaceChildren(element("h3", "", `${title} · p`), list);
      if (hide) bars.append(element("p", "ask", "press r to reveal"));
    }

    /** What the colours mean. */
    function renderLegend() {
      const scale = (stops) => {
        const bar = element("span", "scale");
        bar.style.background = `linear-gradient(to right, ${stops.map(css).join(", ")})`;
        return bar;
      };
      const gated = data.gates.length > 0;
      const signedNames = data.task === "seq2seq" ? ["h", "s", "context"] : ["h"];
      if (data.gates.some((gate) => gate.name === "g")) signedNames.push("c");
      if (gated) signedNames.push("candidate");
      const unitNames = gated ? ["σ gates"] : [];
      if (data.task === "seq2seq") unitNames.push("attention");
      else unitNames.push(data.task === "regression" ? "x (scaled)" : "one-hot x");
      const signed = element("span", "", "−1");
      signed.append(scale(palettes.signed), `+1  ${signedNames.join(", ")}`);
      const unit = element("span", "", "0");
      unit.append(scale(palettes.unit), `1  ${unitNames.join(", ")}`);
      const hint = element("span", "", "point at a cell for its value");
      byId("legend").replaceChildren(element("span", "", "colours:"), signed, unit, hint);
    }

    """#
}
