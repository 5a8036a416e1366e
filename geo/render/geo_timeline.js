/* The time strip under the map: incidents per day, week or month stacked by type in the map's
 * colours, a brush that hides what lies outside its window at once (no round trip to the
 * server), playback, and keyboard-operable handles. geo_map.js calls attach() once the payload
 * is decoded; the points (and shapes) carry `t0`, `t1` (first and last day their date may stand for, days
 * since 1970-01-01, or UNDATED) and `g` (type index into data.timeline.groups, or
 * NOT_COUNTED); see geo/timeline.py.
 *
 * A window [from, to] keeps a feature whose date window overlaps it, as geo.view does. Events
 * whose date window is longer than one bar (known to the week or month, or with an end_date)
 * are drawn as a light band across every bar they may fall in, on top of the solid counts of
 * events dated within the bar: a month-precision event never shows as a spike on the 1st.
 *
 * When the window is released (end of a drag, a key pause, Pause, a bar click), it goes back
 * to the page: streamlit-folium reports `last_active_drawing` as
 * {"type": "time_window", "from": "YYYY-MM-DD" | null, "to": ..., "seq": n}. The map's root
 * element carries data-drawn-incidents (points drawn in view) and data-time-from / -to.
 */
(function () {
  "use strict";

  // The first day of a feature with no date, which no window hides: the dates criterion's
  // row (geo/criteria.py) sends it in the payload (data.timeline.criteria.dates.undated).
  var UNDATED = null;
  // The dates criterion's rule, the one place the browser spells it: a feature whose days
  // [first, last] overlap the window [from, to] is kept, and an undated one always is (as
  // geo/criteria.py's mask and SQL of that row keep it).
  function inWindow(first, last, from, to) { return first === UNDATED || !(first > to || last < from); }
  var NOT_COUNTED = 255;
  var DAY_MS = 86400000;
  var STRIP_PX = 116; // height of the strip (geo_timeline.css .geo-timeline)
  var BAR_PX = 46; // height of the tallest bar
  var PAD_X = 12;
  var LABEL_CHAR_PX = 6; // a date label's width per character, at .geo-tl-label's 10 px
  var KEY_COMMIT_MS = 700; // a pause this long after a key press releases the handle
  var MIN_SPAN = 14; // days: the shortest span the strip zooms to
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];

  function utc(d) { return new Date(d * DAY_MS); }
  function iso(d) { return utc(d).toISOString().slice(0, 10); }
  function fromIso(text) { return Math.round(Date.parse(text + "T00:00:00Z") / DAY_MS); }
  function longDate(d) { var t = utc(d); return t.getUTCDate() + " " + MONTHS[t.getUTCMonth()] + " " + t.getUTCFullYear(); }
  function shortDate(d) { var t = utc(d); return t.getUTCDate() + " " + MONTHS[t.getUTCMonth()].slice(0, 3) + " " + t.getUTCFullYear(); }
  function monthIndex(d) { var t = utc(d); return t.getUTCFullYear() * 12 + t.getUTCMonth(); }
  function monthStart(m) { return Math.round(Date.UTC(Math.floor(m / 12), m % 12, 1) / DAY_MS); }
  function addMonths(d, k) { var t = utc(d); return Math.round(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + k, t.getUTCDate()) / DAY_MS); }
  // 1970-01-01 was a Thursday: day d's Monday is d - ((d + 3) mod 7).
  function weekStart(d) { return d - (((d + 3) % 7) + 7) % 7; }

  // Bars of the strip: the period containing a day, the next period's first day, bar index.
  var PERIODS = {
    day: { start: function (d) { return d; }, next: function (s) { return s + 1; },
      index: function (d, first) { return d - first; } },
    week: { start: weekStart, next: function (s) { return s + 7; },
      index: function (d, first) { return Math.floor((d - first) / 7); } },
    month: { start: function (d) { return monthStart(monthIndex(d)); },
      next: function (s) { return monthStart(monthIndex(s) + 1); },
      index: function (d, first) { return monthIndex(d) - monthIndex(first); } },
  };
  // Per day up to four months shown, per week up to three years, else per month.
  function choosePeriod(spanDays) { return spanDays <= 120 ? "day" : spanDays <= 3 * 366 ? "week" : "month"; }

  // Window lengths offered for playback: the last day of a window starting on `from`.
  var LENGTHS = [
    ["brush", "as brushed"], ["day", "1 day"], ["week", "1 week"], ["month", "1 month"],
    ["quarter", "3 months"], ["year", "1 year"],
  ];
  function windowEnd(from, length, brushed) {
    if (length === "day") return from;
    if (length === "week") return from + 6;
    if (length === "month") return addMonths(from, 1) - 1;
    if (length === "quarter") return addMonths(from, 3) - 1;
    if (length === "year") return addMonths(from, 12) - 1;
    return from + brushed;
  }

  function el(tag, className, parent, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }

  function escapeText(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  /* Build the strip on `map` for `data` (the decoded payload); `canvases` are geo_map.js's
   * point canvases, top first (drafts, then the features). */
  function attach(map, data, canvases) {
    var container = map.getContainer();
    var main = canvases[canvases.length - 1];
    function reportDrawn() { container.setAttribute("data-drawn-incidents", String(main._drawn || 0)); }
    main.on("drawn", reportDrawn);
    if (main.hasDrawn()) reportDrawn();
    var header = data.timeline;
    var points = data.points;
    if (!header || !points || !points.t0) return null;
    UNDATED = header.criteria.dates.undated;
    var groups = header.groups, G = groups.length;
    // Lines and areas (a drone track, a polygon incident) are counted, binned and hidden by
    // the window like points: each shape carries t0, t1 and g too (geo/render/payload.py).
    var mainShapes = data.shapes || [];
    var allShapes = mainShapes.concat(data.drafts ? data.drafts.shapes : []);
    function withShapes(column, key) {
      var out = new column.constructor(column.length + mainShapes.length);
      out.set(column);
      mainShapes.forEach(function (shape, k) { out[column.length + k] = shape[key]; });
      return out;
    }
    var t0 = withShapes(points.t0, "t0"), t1 = withShapes(points.t1, "t1"), g = withShapes(points.g, "g");
    var n = t0.length;

    // Extent of the dated points (and of the window the page asked for).
    var lo = Infinity, hi = -Infinity, total = 0, i;
    canvases.forEach(function (c) {
      var p = c._points; if (!p.t0) return;
      for (var k = 0; k < p.t0.length; k++) {
        if (p.t0[k] === UNDATED) continue;
        if (p.t0[k] < lo) lo = p.t0[k];
        if (p.t1[k] > hi) hi = p.t1[k];
      }
    });
    allShapes.forEach(function (shape) {
      if (shape.t0 === UNDATED) return;
      if (shape.t0 < lo) lo = shape.t0;
      if (shape.t1 > hi) hi = shape.t1;
    });
    for (i = 0; i < n; i++) if (g[i] !== NOT_COUNTED) total++;
    var asked = header.window || [null, null];
    if (asked[0] !== null && asked[0] < lo) lo = asked[0];
    if (asked[1] !== null && asked[1] > hi) hi = asked[1];
    if (lo === Infinity) return null; // nothing dated: no strip
    // The span shown ([shown.from, shown.to], zoomed with the wheel or the +/- buttons) picks
    // the bars: per day, week or month. Counts per bar and type: exact (dated within the bar)
    // and spanning (may fall in it).
    var shown, periodName, period, bins, first, end, nBins, exact, spans, heights;
    function rebin(from, to) {
      var span = Math.min(Math.max(to - from + 1, MIN_SPAN), hi - lo + 1);
      from = Math.max(lo, Math.min(from, hi - span + 1));
      shown = { from: from, to: from + span - 1 };
      periodName = choosePeriod(span); period = PERIODS[periodName];
      bins = [];
      for (var s = period.start(shown.from); s <= shown.to; s = period.next(s)) bins.push(s);
      first = bins[0]; end = period.next(bins[bins.length - 1]); nBins = bins.length; // [first, end)
      exact = new Float64Array(nBins * G); spans = new Float64Array(nBins * G); heights = new Float64Array(nBins);
      for (var j = 0; j < n; j++) {
        if (g[j] === NOT_COUNTED || t0[j] === UNDATED || t1[j] < first || t0[j] >= end) continue;
        var b0 = period.index(t0[j], first), b1 = period.index(t1[j], first);
        if (b0 === b1) { exact[b0 * G + g[j]]++; heights[b0]++; continue; }
        for (var b = Math.max(b0, 0); b <= Math.min(b1, nBins - 1); b++) { spans[b * G + g[j]]++; heights[b]++; }
      }
      if (strip) strip.setAttribute("aria-label", "Timeline of incidents per " + periodName);
    }
    var strip = null;

    var state = {
      win: asked[0] === null && asked[1] === null ? null :
        { from: asked[0] === null ? lo : asked[0], to: asked[1] === null ? hi : asked[1] },
      playing: false, timer: null, seq: 0,
    };
    // A short window in a long span opens zoomed around it, so its bars and handles show.
    var winDays = state.win ? state.win.to - state.win.from + 1 : 0;
    if (state.win && winDays < (hi - lo + 1) / 5) {
      var pad = Math.max(2 * winDays, 30);
      rebin(state.win.from - pad, state.win.to + pad);
    } else {
      rebin(lo, hi);
    }

    // --- DOM: controls row, chart (bars, window, handles), big dates on the map -------------
    container.classList.add("geo-has-timeline");
    strip = el("div", "geo-timeline", container);
    strip.setAttribute("role", "group");
    strip.setAttribute("aria-label", "Timeline of incidents per " + periodName);
    L.DomEvent.disableClickPropagation(strip);
    L.DomEvent.disableScrollPropagation(strip);
    // The controls wrap onto a second row where the map is narrow; on a phone the playback
    // options (window length, speed, cumulative, loop) fold behind an "Options" button.
    var controls = el("div", "geo-tl-controls", strip);
    var play = el("button", "geo-tl-play", controls, "Play");
    play.type = "button";
    var fold = el("button", "geo-tl-fold", controls, "Options");
    fold.type = "button";
    fold.setAttribute("aria-expanded", "false");
    var more = el("span", "geo-tl-more", controls);
    var lengthLabel = el("label", "", more, "Window ");
    var lengthSelect = el("select", "geo-tl-length", lengthLabel);
    LENGTHS.forEach(function (pair) { el("option", "", lengthSelect, pair[1]).value = pair[0]; });
    var speedLabel = el("label", "", more, "Speed ");
    var speedSelect = el("select", "geo-tl-speed", speedLabel);
    [1, 2, 4, 8].forEach(function (v) { el("option", "", speedSelect, v + " step" + (v > 1 ? "s" : "") + "/s").value = String(v); });
    speedSelect.value = "2";
    var cumulativeLabel = el("label", "", more);
    var cumulative = el("input", "geo-tl-cumulative", cumulativeLabel);
    cumulative.type = "checkbox";
    cumulativeLabel.appendChild(document.createTextNode(" Cumulative"));
    var loopLabel = el("label", "", more);
    var loop = el("input", "geo-tl-loop", loopLabel);
    loop.type = "checkbox"; loop.checked = true;
    loopLabel.appendChild(document.createTextNode(" Loop"));
    fold.addEventListener("click", function () {
      var open = strip.classList.toggle("geo-tl-open");
      fold.setAttribute("aria-expanded", String(open));
    });
    var all = el("button", "geo-tl-all", controls, "All dates");
    all.type = "button";
    var zoomOut = el("button", "geo-tl-zoom", controls, "\u2212"), zoomIn = el("button", "geo-tl-zoom", controls, "+");
    zoomOut.type = zoomIn.type = "button";
    zoomOut.setAttribute("aria-label", "Show a longer span on the timeline");
    zoomIn.setAttribute("aria-label", "Show a shorter span on the timeline");
    var count = el("span", "geo-tl-count", controls);
    var readout = el("span", "geo-tl-readout", controls);
    // The strip's height follows its rows: the map's bottom controls sit above it, and a fit
    // keeps the features clear of it (geo_map.js fit() listens for "geostripresize").
    function followHeight() {
      container.style.setProperty("--geo-tl-height", strip.offsetHeight + "px");
      map.fire("geostripresize");
    }
    if (window.ResizeObserver) new ResizeObserver(followHeight).observe(strip);
    followHeight();

    var chart = el("div", "geo-tl-chart", strip);
    var bars = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    bars.setAttribute("class", "geo-tl-bars");
    bars.setAttribute("aria-hidden", "true");
    chart.appendChild(bars);
    var windowBox = el("div", "geo-tl-window", chart);
    function handle(name) {
      var h = el("div", "geo-tl-handle", chart);
      h.setAttribute("role", "slider");
      h.setAttribute("tabindex", "0");
      h.setAttribute("aria-label", name);
      h.setAttribute("aria-valuemin", String(lo));
      h.setAttribute("aria-valuemax", String(hi));
      return h;
    }
    var startHandle = handle("Start of the time window"), endHandle = handle("End of the time window");
    var now = el("div", "geo-tl-now", container);
    now.setAttribute("aria-hidden", "true"); // the handles announce the same dates

    function width() { return Math.max(chart.clientWidth - 2 * PAD_X, 10); }
    function xOf(day) { return PAD_X + ((day - first) / (end - first)) * width(); }
    function dayAt(clientX) {
      var box = chart.getBoundingClientRect();
      var day = first + Math.floor(((clientX - box.left - PAD_X) / width()) * (end - first));
      return Math.min(Math.max(day, Math.max(lo, first)), Math.min(hi, end - 1));
    }

    function drawBars() {
      var w = chart.clientWidth, top = 2, maxHeight = 1, html = "", b, k;
      for (b = 0; b < nBins; b++) if (heights[b] > maxHeight) maxHeight = heights[b];
      for (b = 0; b < nBins; b++) {
        var x = xOf(bins[b]), bw = Math.max(xOf(period.next(bins[b])) - x - (nBins > 200 ? 0 : 1), 1);
        var y = top + BAR_PX;
        [exact, spans].forEach(function (table, spanning) {
          for (k = 0; k < G; k++) {
            var c = table[b * G + k]; if (!c) continue;
            var h = (c / maxHeight) * BAR_PX;
            y -= h;
            html += '<rect class="geo-tl-bar" x="' + x.toFixed(2) + '" y="' + y.toFixed(2) + '" width="' +
              bw.toFixed(2) + '" height="' + h.toFixed(2) + '" fill="' + groups[k].color + '"' +
              (spanning ? ' fill-opacity="0.35"' : "") + ' data-group="' + escapeText(groups[k].label) +
              '" data-bin="' + b + '"/>';
          }
        });
      }
      // Axis: a tick per year when the strip covers more than two years, else per month
      // (per week when it covers less than two months).
      var ticks = [], d, span = end - first;
      if (span > 2 * 366) { for (d = monthStart(Math.ceil(monthIndex(first) / 12) * 12); d < end; d = addMonths(d, 12)) ticks.push([d, String(utc(d).getUTCFullYear())]); }
      else if (span > 62) { for (d = PERIODS.month.start(first) < first ? PERIODS.month.next(first) : first; d < end; d = PERIODS.month.next(d)) ticks.push([d, MONTHS[utc(d).getUTCMonth()].slice(0, 3) + " " + utc(d).getUTCFullYear()]); }
      else { for (d = weekStart(first) < first ? weekStart(first) + 7 : first; d < end; d += 7) ticks.push([d, shortDate(d)]); }
      // A label is left out where it would touch the one before (a narrow strip, a phone): its
      // width is taken as LABEL_CHAR_PX per character (.geo-tl-label's 10 px font), plus a gap.
      var labelledTo = -Infinity;
      ticks.forEach(function (t) {
        var x = xOf(t[0]), tx = x.toFixed(1), half = (t[1].length * LABEL_CHAR_PX) / 2 + 3;
        html += '<line class="geo-tl-tick" x1="' + tx + '" x2="' + tx + '" y1="' + (top + BAR_PX) + '" y2="' + (top + BAR_PX + 4) + '"/>';
        if (x - half < labelledTo) return;
        labelledTo = x + half;
        html += '<text class="geo-tl-label" x="' + tx + '" y="' + (top + BAR_PX + 15) + '">' + t[1] + "</text>";
      });
      bars.setAttribute("width", String(w));
      bars.setAttribute("height", String(top + BAR_PX + 18));
      bars.innerHTML = html;
    }

    // --- Applying a window: masks, counts, legend, big dates, handles -----------------------
    var masks = canvases.map(function (c) { return c._points.t0 ? new Uint8Array(c._points.t0.length) : null; });
    var added = canvases.map(function (c) { return c._points.t0 ? new Uint8Array(c._points.t0.length) : null; });
    var masked = false; // whether the canvases hold the masks (else they draw every point)
    var present = new Float64Array(G);
    var legendRows = null;

    function apply() {
      var win = state.win, from = win ? win.from : -Infinity, to = win ? win.to : Infinity;
      var shown = 0, k;
      present.fill(0);
      canvases.forEach(function (c, ci) {
        var p = c._points, mask = masks[ci], fresh = added[ci]; if (!mask) return;
        var a = p.t0, z = p.t1, gg = p.g, isMain = c === main, grows = masked && Boolean(win);
        for (var j = 0; j < a.length; j++) {
          var keep = inWindow(a[j], z[j], from, to);
          if (!keep && mask[j]) grows = false;
          fresh[j] = keep && !mask[j] ? 1 : 0;
          mask[j] = keep ? 1 : 0;
          if (keep && isMain && gg[j] !== NOT_COUNTED) { shown++; present[gg[j]]++; }
        }
        // A window that only grows (cumulative playback) adds points to the picture.
        if (grows && c.growMask) c.growMask(mask, fresh);
        else c.setMask(win ? mask : null);
      });
      allShapes.forEach(function (shape) {
        var keep = inWindow(shape.t0, shape.t1, from, to);
        if (shape.group && keep !== shape.group.hasLayer(shape.drawn)) {
          if (keep) shape.group.addLayer(shape.drawn); else shape.group.removeLayer(shape.drawn);
        }
      });
      mainShapes.forEach(function (shape) {
        var keep = inWindow(shape.t0, shape.t1, from, to);
        if (keep && shape.g !== NOT_COUNTED) { shown++; present[shape.g]++; }
      });
      masked = Boolean(win);
      count.textContent = shown.toLocaleString("en") + " of " + total.toLocaleString("en") + " incidents";
      container.setAttribute("data-time-from", win ? iso(win.from) : "");
      container.setAttribute("data-time-to", win ? iso(win.to) : "");
      now.textContent = win ? (win.from === win.to ? shortDate(win.from) : shortDate(win.from) + " – " + shortDate(win.to)) : "";
      now.style.display = win ? "" : "none";
      follow();
      placeWindow();
      followLegend();
    }

    // Keep the window in the span shown: shift the span (or widen it) when the window leaves.
    function follow() {
      var win = state.win;
      if (!win || (win.from >= shown.from && win.to <= shown.to)) return;
      var span = shown.to - shown.from + 1, length = win.to - win.from + 1;
      if (length > span) rebin(win.from - length, win.to + length);
      else if (win.to > shown.to) rebin(win.to - span + 1 + Math.floor(span / 4), win.to + Math.floor(span / 4));
      else rebin(win.from - Math.floor(span / 4), win.from - Math.floor(span / 4) + span - 1);
      drawBars();
    }

    function zoom(factor, centre) {
      var span = shown.to - shown.from + 1, wanted = Math.round(span * factor);
      var from = Math.round(centre - ((centre - shown.from) * wanted) / span);
      rebin(from, from + wanted - 1);
      drawBars(); placeWindow();
    }
    function windowCentre() {
      return state.win ? Math.round((state.win.from + state.win.to) / 2) : Math.round((shown.from + shown.to) / 2);
    }
    chart.addEventListener("wheel", function (e) {
      e.preventDefault();
      zoom(e.deltaY < 0 ? 0.7 : 1 / 0.7, dayAt(e.clientX));
    }, { passive: false });
    zoomIn.addEventListener("click", function () { zoom(0.5, windowCentre()); });
    zoomOut.addEventListener("click", function () { zoom(2, windowCentre()); });

    function placeWindow() {
      var from = state.win ? state.win.from : lo, to = state.win ? state.win.to : hi;
      var w = width();
      function clamp(x) { return Math.max(PAD_X, Math.min(x, PAD_X + w)); }
      var left = clamp(xOf(from)), right = clamp(xOf(to + 1));
      windowBox.style.left = left + "px";
      windowBox.style.width = Math.max(right - left, 2) + "px";
      windowBox.classList.toggle("geo-tl-window-all", !state.win);
      startHandle.style.left = left + "px";
      endHandle.style.left = right + "px";
      [[startHandle, from], [endHandle, to]].forEach(function (pair) {
        pair[0].setAttribute("aria-valuenow", String(pair[1]));
        pair[0].setAttribute("aria-valuetext", longDate(pair[1]));
      });
    }

    // The legend's incident types: how many are in the window; types absent are greyed.
    function followLegend() {
      if (!legendRows) {
        legendRows = {};
        container.querySelectorAll(".geo-legend-row").forEach(function (row) {
          var label = row.querySelector("span");
          if (!label) return;
          groups.forEach(function (group, k) { if (label.textContent === group.label) legendRows[k] = row; });
        });
      }
      for (var k in legendRows) {
        var row = legendRows[k], badge = row.querySelector(".geo-legend-count");
        if (!badge) badge = el("span", "geo-legend-count", row);
        badge.textContent = String(present[k]);
        row.classList.toggle("geo-legend-off", present[k] === 0);
      }
    }

    var pendingFrame = false;
    function applySoon() {
      if (pendingFrame) return;
      pendingFrame = true;
      requestAnimationFrame(function () { pendingFrame = false; apply(); });
    }

    // The window back to the page (through streamlit-folium); nothing to do in a saved page.
    var commitTimer = null;
    function commit() {
      clearTimeout(commitTimer);
      container.setAttribute("data-time-committed", state.win ? iso(state.win.from) + "/" + iso(state.win.to) : "");
      var global = window.__GLOBAL_DATA__;
      if (!global) return;
      global.last_active_drawing = {
        type: "time_window", from: state.win ? iso(state.win.from) : null,
        to: state.win ? iso(state.win.to) : null, seq: ++state.seq,
      };
      map.fire("moveend"); // streamlit-folium sends its value on moveend
    }

    function setWindow(from, to) {
      from = Math.max(lo, Math.min(from, hi)); to = Math.max(from, Math.min(to, hi));
      state.win = { from: from, to: to };
    }

    // --- Pointer: drag a handle, move the window, brush a new one, click a bar --------------
    var drag = null;
    chart.addEventListener("pointerdown", function (e) {
      if (e.button !== 0) return;
      stop();
      var day = dayAt(e.clientX), win = state.win || { from: lo, to: hi };
      var mode = e.target === startHandle ? "from" : e.target === endHandle ? "to" :
        e.target === windowBox && state.win ? "move" : "new";
      drag = { mode: mode, x: e.clientX, day: day, win: { from: win.from, to: win.to }, moved: false };
      chart.setPointerCapture(e.pointerId);
      e.preventDefault();
    });
    chart.addEventListener("pointermove", function (e) {
      if (!drag) { hover(e); return; }
      if (!drag.moved && Math.abs(e.clientX - drag.x) < 3) return;
      drag.moved = true;
      var day = dayAt(e.clientX), w = drag.win;
      if (drag.mode === "new") setWindow(Math.min(drag.day, day), Math.max(drag.day, day));
      else if (drag.mode === "from") setWindow(Math.min(day, w.to), w.to);
      else if (drag.mode === "to") setWindow(w.from, Math.max(day, w.from));
      else {
        var shift = Math.max(lo - w.from, Math.min(day - drag.day, hi - w.to));
        setWindow(w.from + shift, w.to + shift);
      }
      applySoon();
    });
    function release(e) {
      if (!drag) return;
      var was = drag; drag = null;
      if (chart.hasPointerCapture(e.pointerId)) chart.releasePointerCapture(e.pointerId);
      if (was.moved) { apply(); commit(); return; }
      if (was.mode === "new" || was.mode === "move") selectBar(period.index(dayAt(e.clientX), first));
    }
    chart.addEventListener("pointerup", release);
    chart.addEventListener("pointercancel", release);

    // A click on a bar selects its incidents: the window becomes the bar's period.
    function selectBar(b) {
      if (b < 0 || b >= nBins || !heights[b]) return;
      setWindow(bins[b], period.next(bins[b]) - 1);
      apply(); commit();
    }

    function hover(e) {
      var b = period.index(dayAt(e.clientX), first);
      if (b < 0 || b >= nBins) { readout.textContent = ""; return; }
      var within = 0, k;
      for (k = 0; k < G; k++) within += exact[b * G + k];
      var label = periodName === "day" ? shortDate(bins[b]) : periodName === "week" ? "week of " + shortDate(bins[b]) :
        MONTHS[utc(bins[b]).getUTCMonth()] + " " + utc(bins[b]).getUTCFullYear();
      readout.textContent = label + ": " + within + " dated within" +
        (heights[b] > within ? ", " + (heights[b] - within) + " known only to a longer period" : "");
    }

    // --- Keyboard: the handles are sliders --------------------------------------------------
    function onKey(which) {
      return function (e) {
        var step = { ArrowLeft: -1, ArrowDown: -1, ArrowRight: 1, ArrowUp: 1 }[e.key], win = state.win || { from: lo, to: hi };
        var day = which === "from" ? win.from : win.to, binDays = period.next(period.start(day)) - period.start(day);
        if (step !== undefined && e.shiftKey) step *= binDays;
        if (e.key === "PageUp") step = binDays;
        if (e.key === "PageDown") step = -binDays;
        if (e.key === "Home") step = lo - day;
        if (e.key === "End") step = hi - day;
        if (step === undefined) return;
        e.preventDefault();
        stop();
        if (which === "from") setWindow(Math.min(win.from + step, win.to), win.to);
        else setWindow(win.from, Math.max(win.to + step, win.from));
        apply();
        clearTimeout(commitTimer);
        commitTimer = setTimeout(commit, KEY_COMMIT_MS);
      };
    }
    startHandle.addEventListener("keydown", onKey("from"));
    endHandle.addEventListener("keydown", onKey("to"));
    [startHandle, endHandle].forEach(function (h) {
      h.addEventListener("blur", function () { if (commitTimer) { commit(); commitTimer = null; } });
    });

    // --- Playback ---------------------------------------------------------------------------
    // Frames follow one another with no gap and no overlap: each frame's window starts the day
    // after the last one ended and has the length chosen ("as brushed": the brushed window's
    // length when Play was pressed), so every dated incident shows in at least one frame of a
    // pass. After the last date a loop starts again at the first, with the same length.
    // Cumulative frames keep the first day and move the last one on by the same step.
    // state.play holds the frame's window before clipping to the data's dates, so that
    // clipping the last frame of a pass never shortens the next pass's windows.
    // Windows of a calendar length start on a Monday or on the 1st of a month.
    function snap(from) {
      var length = lengthSelect.value;
      if (length === "week") return weekStart(from);
      if (length === "month" || length === "quarter" || length === "year") return monthStart(monthIndex(from));
      return from;
    }
    function frameEnd(from) {
      return windowEnd(from, lengthSelect.value, state.play.brushed);
    }
    function frame() {
      var p = state.play;
      if (!p) {
        var win = state.win || { from: lo, to: windowEnd(lo, "week", 0) };
        p = state.play = { from: win.from, to: win.to, brushed: win.to - win.from };
      }
      var next = p.to + 1;
      if (next > hi) {
        if (!loop.checked) return stop(true);
        next = snap(lo);
      }
      if (cumulative.checked) { p.from = lo; p.to = frameEnd(next); }
      else { p.from = next; p.to = frameEnd(next); }
      setWindow(p.from, p.to);
    }
    function tick() {
      if (!state.playing) return;
      frame();
      apply();
    }
    function start() {
      var win = state.win, length = lengthSelect.value, p;
      if (!win || (win.from <= lo && win.to >= hi) || win.from >= hi || (cumulative.checked && win.to >= hi)) {
        // From the first date; "as brushed" with nothing brushed plays a week at a time.
        p = { from: snap(lo), to: 0, brushed: length === "brush" ? 6 : 0 };
      } else {
        p = { from: snap(win.from), to: 0, brushed: win.to - win.from };
      }
      state.play = p;
      p.to = frameEnd(p.from);
      setWindow(cumulative.checked ? lo : p.from, p.to);
      state.playing = true;
      play.textContent = "Pause";
      container.setAttribute("data-playing", "1");
      apply();
      state.timer = setInterval(tick, 1000 / Number(speedSelect.value));
    }
    // Stop playing; `report` sends the window where it stopped to the page.
    function stop(report) {
      if (!state.playing) return;
      state.playing = false;
      state.play = null;
      clearInterval(state.timer);
      play.textContent = "Play";
      container.removeAttribute("data-playing");
      if (report) commit();
    }
    play.addEventListener("click", function () { if (state.playing) stop(true); else start(); });
    speedSelect.addEventListener("change", function () {
      if (!state.playing) return;
      clearInterval(state.timer);
      state.timer = setInterval(tick, 1000 / Number(speedSelect.value));
    });
    all.addEventListener("click", function () {
      stop(); state.win = null; rebin(lo, hi); drawBars(); apply(); commit();
    });

    map.on("resize", function () { drawBars(); placeWindow(); });
    drawBars();
    apply();
    return (map.geoTimeline = {
      // For the bench and tests: one playback frame, drawn now.
      step: function () { frame(); apply(); },
      setWindow: function (from, to) { state.play = null; setWindow(fromIso(from), fromIso(to)); apply(); },
      period: periodName,
    });
  }

  window.GeoTimeline = { attach: attach };
})();
