extension PageScript {
    /// Numbers as the terminal writes them, and values as the figures colour them.
    static let numbers = #"""
    // ---- Numbers and colours ----

    /** A value in five characters or fewer: two decimals below 10, one below 100, else none. */
    function short(value) {
      if (value == null) return "nan";
      const magnitude = Math.abs(value);
      const text = value.toFixed(magnitude < 9.995 ? 2 : magnitude < 99.95 ? 1 : 0);
      return Number(text) === 0 ? text.replace("-", "") : text;
    }

    /** The size of the page's text in pixels: the drawings grow with it. */
    function rootFontSize() { return parseFloat(getComputedStyle(document.documentElement).fontSize) || 16; }

    const palettes = {
      signed: data.palettes.signed.map(hexToRGB),  // −1…1: blue, white, red
      unit: data.palettes.unit.map(hexToRGB),      // 0…1: viridis
    };

    function hexToRGB(hex) { return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)); }

    /** The colour at `position` (0…1) along evenly spaced stops. */
    function colourAt(stops, position) {
      const t = Math.min(Math.max(Number.isFinite(position) ? position : 0.5, 0), 1) * (stops.length - 1);
      const i = Math.min(Math.floor(t), stops.length - 2);
      return stops[i].map((c, k) => Math.round(c + (stops[i + 1][k] - c) * (t - i)));
    }

    /** How values map to colours: tanh values −1…1, σ values 0…1, or ±m for the LSTM cell state. */
    const signedScale = { colour: (v) => colourAt(palettes.signed, (v + 1) / 2) };
    const unitScale = { colour: (v) => colourAt(palettes.unit, v) };
    function symmetricScale(values) {
      const bound = Math.max(1, ...values.map((v) => (Number.isFinite(v) ? Math.abs(v) : 0)));
      return { colour: (v) => colourAt(palettes.signed, (v / bound + 1) / 2), bound };
    }

    function css([r, g, b]) { return `rgb(${r}, ${g}, ${b})`; }

    /** Dark text on light colours, white on dark ones. */
    function textColourOn([r, g, b]) {
      const linear = (c) => { c /= 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
      const luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
      return luminance > 0.3 ? "#1a1a1a" : "#ffffff";
    }

    /** The number of characters a token shows (not its UTF-16 length). */
    function characterCount(text) { return text == null ? 0 : [...String(text)].length; }

    """#
}
