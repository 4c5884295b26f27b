/// The style sheet of the pages: large type on a projector, one column on a phone, and colours
/// that stay apart for colour-blind readers (right and wrong are blue and orange and always
/// come with ✓ and ✗; the value maps are the figures' viridis and blue–white–red).
enum PageStyle {
    static let css = #"""
    :root {
      --ink: #1a1a1a;
      --muted: #5f6368;
      --line: #c4c7cc;
      --paper: #ffffff;
      --panel: #f5f6f8;
      --right: #0072b2;      /* Okabe–Ito blue */
      --wrong: #c4410c;      /* Okabe–Ito vermillion, darkened for text */
      --current: #fff1a8;    /* the current step's band */
      --input: #e06666;      /* the lecture's colours, as in the figures */
      --hidden: #6aa84f;
      --output: #3d85c6;
      color-scheme: light;
    }
    /* Text grows with the screen: about 15 px on a phone, 21 px on a 1920-pixel projector. */
    html { font-size: clamp(15px, 0.55vw + 10px, 22px); }
    body {
      margin: 0;
      font-family: "DejaVu Sans", "Segoe UI", "Helvetica Neue", Arial, sans-serif;
      color: var(--ink);
      background: var(--paper);
      line-height: 1.4;
    }
    header, main, footer { max-width: 100rem; margin: 0 auto; padding: 0 1rem; }
    h1 { font-size: 1.6rem; margin: 0.8rem 0 0.2rem; }
    h2 { font-size: 1.3rem; margin: 1.6rem 0 0.6rem; }
    h3 { font-size: 1.05rem; margin: 0 0 0.4rem; }
    .subtitle { color: var(--muted); margin: 0; }
    .result { margin: 0.3rem 0 0.8rem; font-weight: bold; }
    code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; }
    footer { color: var(--muted); font-size: 0.85rem; padding-bottom: 2rem; }

    /* The step-through */
    #stepper { background: var(--panel); border: 1px solid var(--line); border-radius: 0.5rem; padding: 0.7rem 1rem; }
    .toolbar { display: flex; flex-wrap: wrap; gap: 0.6rem 2rem; align-items: center; }
    .nav { display: flex; flex-wrap: wrap; gap: 0.4rem; }
    button {
      font: inherit;
      min-width: 44px;
      min-height: 44px;
      padding: 0.2rem 0.8rem;
      color: var(--ink);
      background: var(--paper);
      border: 1px solid #8a8f96;
      border-radius: 0.4rem;
      cursor: pointer;
    }
    button:disabled { color: #a0a4a8; border-color: var(--line); cursor: default; }
    button:focus-visible, input:focus-visible { outline: 3px solid var(--right); outline-offset: 2px; }
    button[aria-pressed="true"] { background: var(--ink); color: var(--paper); }
    .training { display: grid; grid-template-columns: auto minmax(10rem, 24rem); gap: 0 0.6rem; align-items: center; }
    .training[hidden] { display: none; }
    .training label { font-weight: bold; grid-row: 1; }
    #snapshot { width: 100%; min-height: 44px; margin: 0; accent-color: var(--right); }
    .ticks { grid-column: 2; display: flex; justify-content: space-between; font-size: 0.75rem; color: var(--muted); }
    .snapshot-label { margin: 0.4rem 0 0; color: var(--muted); }
    .caption { font-size: 1.2rem; font-weight: bold; margin: 0.4rem 0; }
    .badge { font-size: 0.8rem; font-weight: bold; color: var(--paper); background: var(--wrong); border-radius: 0.3rem; padding: 0.1rem 0.4rem; margin-left: 0.6rem; vertical-align: middle; }

    /* The unrolled network: scrolls sideways when it is wider than the screen */
    .unrolled { overflow-x: auto; background: var(--paper); border: 1px solid var(--line); border-radius: 0.4rem; }
    .unrolled svg { display: block; }
    .unrolled [data-position] { cursor: pointer; }
    .unrolled svg { fill: var(--ink); font-size: 15px; }
    .unrolled text { font-family: inherit; text-anchor: middle; }
    .unrolled text.name { text-anchor: start; fill: var(--muted); font-size: 13px; }
    .unrolled text.target, .unrolled text.index, .unrolled text.dim { fill: var(--muted); }
    .unrolled text.index { font-size: 13px; }
    .unrolled text.token { font-weight: bold; }
    .unrolled text.plain { font-weight: normal; }
    .unrolled text.mark { text-anchor: end; font-size: 12px; }
    .unrolled text.right { fill: var(--right); }
    .unrolled text.wrong { fill: var(--wrong); }
    .unrolled .band { fill: var(--current); stroke: var(--ink); stroke-width: 2; }
    .unrolled .hit { fill: transparent; }
    .unrolled .box { stroke-width: 2; }
    .unrolled .input { fill: #fbe4e4; stroke: var(--input); }
    .unrolled .state { fill: var(--paper); stroke: var(--hidden); }
    .unrolled .state.empty { fill: #eceff1; }
    .unrolled .output { fill: #e8f0f8; stroke: var(--output); }
    .unrolled .output.hidden { fill: var(--current); stroke: var(--ink); stroke-dasharray: 5 3; }
    .unrolled .attention { stroke: var(--ink); }
    .unrolled .arrow { stroke: #3c4043; stroke-width: 1.5; }
    .unrolled .arrow.faint { stroke: #b0b4b8; }
    .unrolled .arrowhead { fill: #3c4043; }

    .outcome { font-size: 1.1rem; margin: 0.6rem 0; min-height: 1.5em; }
    .outcome .right { color: var(--right); font-weight: bold; }
    .outcome .wrong { color: var(--wrong); font-weight: bold; }
    .outcome .ask { color: var(--wrong); }
    .outcome .hidden-value { display: inline-block; min-width: 1.6em; text-align: center; font-weight: bold; background: var(--current); border: 1px dashed var(--ink); border-radius: 0.25rem; }
    .dim { color: var(--muted); }

    /* The step's vectors beside the most likely next tokens */
    .details { display: grid; grid-template-columns: minmax(0, max-content) minmax(14rem, 22rem); justify-content: start; gap: 1rem 3rem; align-items: start; }
    .vrow { display: grid; grid-template-columns: 9rem minmax(0, 1fr); gap: 0 0.6rem; align-items: center; margin: 0.15rem 0; }
    .vlabel { font-weight: bold; white-space: nowrap; }
    .vlabel .desc { font-weight: normal; color: var(--muted); font-size: 0.85rem; }
    .vrow.emphasised .vlabel { color: var(--right); }
    .vcells { display: grid; grid-template-columns: repeat(var(--units), minmax(0, 3.6rem)); gap: 2px; }
    .cell { font-size: 0.85rem; text-align: center; padding: 0.15rem 0; border-radius: 2px; font-variant-numeric: tabular-nums; }
    .names .cell { color: var(--muted); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    .vrange { display: none; font-size: 0.8rem; color: var(--muted); }
    .vnote { font-size: 0.8rem; color: var(--muted); }
    /* Too many units for their values: a thin coloured cell each, the range written under them */
    .vholder.compact .vcells {
      grid-template-columns: repeat(var(--units), minmax(0, 1fr));
      gap: 0;
      width: calc(var(--units) * 2.7rem);  /* as wide as the room there is */
      max-width: 100%;
      outline: 1px solid var(--line);
    }
    .vholder.compact .cell { font-size: 0; height: 1.5rem; border-radius: 0; padding: 0; }
    .vholder.compact .names { display: none; }
    .vholder.compact .vrange { display: block; }
    .vgap { height: 0.6rem; }
    .bars h3 { margin-top: 0; }
    /* One grid for all the rows, so that the bars line up */
    .bars ol { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: minmax(1.5rem, max-content) minmax(4rem, 1fr) 3rem max-content; gap: 0.4rem 0.5rem; align-items: center; }
    .bars li { display: contents; }
    .bars .token { font-weight: bold; text-align: right; white-space: nowrap; }
    .bars .track { height: 1.1rem; background: #e4e6ea; border-radius: 2px; overflow: hidden; }
    .bars .fill { display: block; height: 100%; background: #8ab6dd; }
    .bars li.chosen .fill { background: var(--right); }
    .bars li.chosen.wrong .fill { background: var(--wrong); }
    .bars .p { font-variant-numeric: tabular-nums; text-align: right; }
    .bars .mark { color: var(--right); font-weight: bold; white-space: nowrap; }
    .bars .ask { color: var(--wrong); margin-top: 0.3rem; }
    .legend { display: flex; flex-wrap: wrap; gap: 0.4rem 2rem; margin-top: 0.8rem; font-size: 0.85rem; color: var(--muted); }
    .legend .scale { display: inline-block; width: 8rem; height: 0.9rem; vertical-align: middle; margin: 0 0.4rem; border: 1px solid var(--line); }
    .keys { font-size: 0.85rem; color: var(--muted); margin: 0.6rem 0 0; }

    /* Tables of results (a comparison's page): numbers aligned, scrolling sideways on a phone */
    .byline { color: var(--muted); margin: 0 0 1rem; }
    .table { overflow-x: auto; margin: 0.5rem 0 1rem; }
    table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
    th, td { padding: 0.25rem 0.8rem; border-bottom: 1px solid var(--line); text-align: left; white-space: nowrap; }
    th { font-weight: 600; }

    /* The figures: two side by side when the screen is wide enough */
    .gallery { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 36rem), 1fr)); gap: 1.5rem; }
    figure { margin: 0; }
    figure img { display: block; max-width: 100%; height: auto; border: 1px solid var(--line); }
    figcaption { color: var(--muted); font-size: 0.9rem; margin-top: 0.3rem; }

    /* Narrow screens (phones): buttons without words, vectors under their labels, bars under the vectors */
    @media (max-width: 700px) {
      header, main, footer { padding: 0 0.5rem; }
      #stepper { padding: 0.5rem; }
      .wide { display: none; }
      .toolbar { gap: 0.5rem; }
      .training { grid-template-columns: auto minmax(0, 1fr); width: 100%; }
      .details { grid-template-columns: minmax(0, 1fr); }
      .vrow { grid-template-columns: minmax(0, 1fr); }
      .caption { font-size: 1.05rem; }
    }
    """#
}
