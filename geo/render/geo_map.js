/* Draws the project's features on a Leaflet map from one compact payload (see
 * geo/render/payload.py for its shape). Every string in the payload is already HTML-escaped
 * by geo/render/popup.py; this file only concatenates those pieces.
 *
 * Incidents are painted on one canvas: projected once with Leaflet's CRS into typed arrays,
 * each style's marker pre-rendered as a sprite and stamped at every point in view (see
 * bench/map_bench.py for what 100,000 cost); clicks and hovers are found through a grid of
 * screen cells. Popups are assembled on click from the payload. Sites are Font Awesome icons
 * (no image files); routes and areas are vector paths. Features of draft files under review (payload "drafts")
 * get the same treatment in an overlay and a pane of their own, above everything else.
 *
 * A click on any feature fires "click" on the top-level layer with the feature's escaped id as
 * the tooltip text, which streamlit-folium reports as `last_object_clicked_tooltip`.
 */
(function () {
  "use strict";

  var CELL = 24; // px: size of the hit-test grid cells
  var HIT_SLOP = 3; // px: a click this far outside a marker still picks it
  var GROUP_PX = 8; // px: markers whose centres are this close are drawn over each other

  /* Markers drawn over each other: [{index, count}] for each group of more than one, `index`
   * being its first point in draw order. Greedy: a point joins the first group leader within
   * GROUP_PX, else leads a group of its own (leaders bucketed by GROUP_PX cells). */
  function overlapGroups(order, xs, ys) {
    var leaders = new Map(), count = new Map(), groups = [];
    for (var k = 0; k < order.length; k++) {
      var j = order[k], cx = Math.floor(xs[j] / GROUP_PX), cy = Math.floor(ys[j] / GROUP_PX);
      var joined = -1;
      for (var gy = cy - 1; gy <= cy + 1 && joined < 0; gy++) {
        for (var gx = cx - 1; gx <= cx + 1 && joined < 0; gx++) {
          var list = leaders.get(gx + "," + gy) || [];
          for (var m = 0; m < list.length; m++) {
            var l = list[m], dx = xs[l] - xs[j], dy = ys[l] - ys[j];
            if (dx * dx + dy * dy <= GROUP_PX * GROUP_PX) { joined = l; break; }
          }
        }
      }
      if (joined >= 0) { count.set(joined, count.get(joined) + 1); continue; }
      var key = cx + "," + cy;
      if (!leaders.has(key)) leaders.set(key, []);
      leaders.get(key).push(j);
      count.set(j, 1);
    }
    count.forEach(function (n, j) { if (n > 1) groups.push({ index: j, count: n }); });
    return groups;
  }

  // A dark disc with the number of markers at one place, at (x, y) in CSS pixels.
  function countBadge(ctx, x, y, count) {
    var text = String(count), r = text.length > 1 ? 8 : 7;
    ctx.globalAlpha = 1;
    ctx.beginPath(); ctx.arc(x, y, r, 0, 2 * Math.PI);
    ctx.fillStyle = "#222"; ctx.fill();
    ctx.lineWidth = 1.5; ctx.strokeStyle = "#fff"; ctx.stroke();
    ctx.fillStyle = "#fff"; ctx.font = "bold 10px system-ui, sans-serif";
    ctx.textAlign = "center"; ctx.textBaseline = "middle";
    ctx.fillText(text, x, y + 0.5);
  }

  // Above this many incidents in view, outlines are drawn solid and halos left out: dashes
  // cost most of the paint time, and at that density they cannot be told apart anyway.
  var DETAIL_LIMIT = 5000;

  var ARRAY_TYPES = {
    u1: Uint8Array, i1: Int8Array, u2: Uint16Array, i2: Int16Array,
    u4: Uint32Array, i4: Int32Array, f4: Float32Array, f8: Float64Array,
  };

  function bytesOf(b64) {
    if (Uint8Array.fromBase64) return Promise.resolve(Uint8Array.fromBase64(b64));
    // fetch() of a data: URL decodes base64 natively (far faster than atob and a loop).
    return fetch("data:application/octet-stream;base64," + b64)
      .then(function (response) { return response.arrayBuffer(); })
      .then(function (buffer) { return new Uint8Array(buffer); });
  }

  /* The payload from the string geo/render/payload.py encode() makes: deflated bytes holding
   * a JSON header and the numeric columns as raw little-endian arrays, which become typed
   * arrays over the same buffer (no copy, no number parsing). JSON sections marked lazy (the
   * popup text) are parsed on first read, after the first paint. */
  function decode(b64) {
    return bytesOf(b64).then(function (packed) {
      var stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream("deflate"));
      return new Response(stream).arrayBuffer();
    }).then(function (buffer) {
      var text = new TextDecoder(), length = new DataView(buffer).getUint32(0, true);
      var base = 4 + length + ((8 - ((4 + length) % 8)) % 8);
      function lazy(offset, count) {
        var value = null;
        function load() {
          if (value === null) value = revive(JSON.parse(text.decode(new Uint8Array(buffer, base + offset, count))));
          return value;
        }
        return new Proxy({}, { get: function (_, key) { return load()[key]; } });
      }
      function revive(value) {
        var k, ref;
        if (Array.isArray(value)) {
          for (k = 0; k < value.length; k++) {
            if (value[k] !== null && typeof value[k] === "object") value[k] = revive(value[k]);
          }
          return value;
        }
        if ((ref = value.$array)) return new ARRAY_TYPES[ref[0]](buffer, base + ref[1], ref[2]);
        if ((ref = value.$json)) return lazy(ref[0], ref[1]);
        for (k in value) {
          if (value[k] !== null && typeof value[k] === "object") value[k] = revive(value[k]);
        }
        return value;
      }
      return revive(JSON.parse(text.decode(new Uint8Array(buffer, 4, length))));
    });
  }

  function column(col, i) {
    if (!col) return "";
    return col.c ? col.v[col.c[i]] : col.v[i];
  }

  // The popup of feature row `i`: the same layout as geo.render.popup.assemble().
  // A feature's popup: every row and its sources; or, with `compactRows` (the app, whose
  // details panel beside the map shows the rest), only those rows.
  function popupHtml(features, i, compactRows) {
    var html = '<div class="geo-popup"><div class="geo-popup-title">' +
      column(features.cols.name, i) + "</div><table>";
    features.rows.forEach(function (pair) {
      if (compactRows && compactRows.indexOf(pair[1]) < 0) return;
      var value = column(features.cols[pair[1]], i);
      if (value) html += "<tr><th>" + pair[0] + "</th><td>" + value + "</td></tr>";
    });
    html += "</table>";
    var set = features.sources.sets[features.sources.c[i]] || [];
    if (compactRows) {
      html += '<div class="geo-popup-more">' + set.length + " source" +
        (set.length === 1 ? "" : "s") + "; all details beside the map</div>";
    } else if (set.length) {
      html += '<div class="geo-popup-sources">Sources</div><ol>';
      set.forEach(function (s) { html += features.sources.v[s]; });
      html += "</ol>";
    }
    return html + "</div>";
  }

  function tooltipHtml(features, i) {
    var date = column(features.cols.date, i);
    return column(features.cols.name, i) + (date ? "<br>" + date : "");
  }

  // What streamlit-folium reads from a click: `getTooltip().getContent()` as text.
  function idCarrier(escapedId) {
    return {
      _tooltip: { _content: escapedId },
      getTooltip: function () { return { getContent: function () { return escapedId; } }; },
    };
  }

  function shapePath(ctx, shape, x, y, r) {
    var k, a, n, rr;
    if (shape === "circle") { ctx.moveTo(x + r, y); ctx.arc(x, y, r, 0, 2 * Math.PI); return; }
    if (shape === "square") { r *= 0.85; ctx.rect(x - r, y - r, 2 * r, 2 * r); return; }
    if (shape === "diamond") {
      ctx.moveTo(x, y - r); ctx.lineTo(x + r, y); ctx.lineTo(x, y + r); ctx.lineTo(x - r, y);
      ctx.closePath(); return;
    }
    if (shape === "star") {
      for (k = 0; k < 10; k++) {
        a = -Math.PI / 2 + (k * Math.PI) / 5; rr = k % 2 ? r * 0.45 : r;
        if (k === 0) ctx.moveTo(x + rr * Math.cos(a), y + rr * Math.sin(a));
        else ctx.lineTo(x + rr * Math.cos(a), y + rr * Math.sin(a));
      }
      ctx.closePath(); return;
    }
    // Regular polygons: triangle (3), triangle_down (3, flipped), pentagon (5), hexagon (6).
    n = { triangle: 3, triangle_down: 3, pentagon: 5, hexagon: 6 }[shape] || 12;
    var start = shape === "triangle_down" ? Math.PI / 2 : -Math.PI / 2;
    for (k = 0; k < n; k++) {
      a = start + (2 * k * Math.PI) / n;
      if (k === 0) ctx.moveTo(x + r * Math.cos(a), y + r * Math.sin(a));
      else ctx.lineTo(x + r * Math.cos(a), y + r * Math.sin(a));
    }
    ctx.closePath();
  }

  function dashOf(style, scale) {
    return style.dashArray ? style.dashArray.split(",").map(function (d) { return d * scale; }) : [];
  }

  var PAD = 30; // px: points this far outside the view are still drawn (their marker shows)

  // Every point at zoom 0 in the map's CRS, with Leaflet's own projection, once per payload:
  // a zoom level only scales it (L.CRS latLngToPoint is transformation(project(ll), scale)).
  function projectAtZoom0(crs, lat, lon) {
    var n = lat.length, x = new Float64Array(n), y = new Float64Array(n);
    var latlng = { lat: 0, lng: 0 }, point;
    for (var i = 0; i < n; i++) {
      latlng.lat = lat[i]; latlng.lng = lon[i];
      point = crs.latLngToPoint(latlng, 0);
      x[i] = point.x; y[i] = point.y;
    }
    return { crs: crs, x: x, y: y };
  }

  // The points in view bucketed by screen cell for hit-testing: cell c holds
  // items[first[c] .. first[c + 1]), in draw order.
  function cellGrid(order, xs, ys, size) {
    var cols = Math.ceil((size.x + 2 * PAD) / CELL) + 1, rows = Math.ceil((size.y + 2 * PAD) / CELL) + 1;
    var cells = new Int32Array(order.length), first = new Int32Array(cols * rows + 1), k, j;
    for (k = 0; k < order.length; k++) {
      j = order[k];
      cells[k] = Math.floor((ys[j] + PAD) / CELL) * cols + Math.floor((xs[j] + PAD) / CELL);
      first[cells[k] + 1]++;
    }
    for (k = 0; k < cols * rows; k++) first[k + 1] += first[k];
    var next = first.slice(0, cols * rows), items = new Int32Array(order.length);
    for (k = 0; k < order.length; k++) items[next[cells[k]]++] = order[k];
    return { cols: cols, rows: rows, first: first, items: items };
  }

  // One marker of `style`, pre-rendered at the device's pixel ratio: stamping it with
  // drawImage costs a small blit per point, where tracing 100,000 vector paths takes seconds.
  // Dense views (not `detailed`) leave out the outline of solid markers and draw the others'
  // solid (dashes cannot be told apart at that density).
  function markerSprite(style, detailed, ratio) {
    var r = style.size / 2, half = Math.ceil((r + style.weight + 1) * ratio);
    var image = document.createElement("canvas");
    image.width = image.height = 2 * half;
    var ctx = image.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, half, half);
    ctx.beginPath(); shapePath(ctx, style.shape, 0, 0, r);
    ctx.globalAlpha = style.fillOpacity; ctx.fillStyle = style.fillColor; ctx.fill();
    if (detailed || style.fillOpacity < 0.5 || style.fillColor !== style.color) {
      ctx.globalAlpha = style.opacity; ctx.setLineDash(detailed ? dashOf(style, 1) : []);
      ctx.lineWidth = style.weight; ctx.strokeStyle = style.color; ctx.stroke();
    }
    return { image: image, half: half };
  }

  // A sprite's visible pixels for a canvas `width` wide: offsets into its RGBA bytes from the
  // sprite's top-left corner, and premultiplied colours.
  function spritePixels(sprite, width) {
    if (sprite.pixels && sprite.pixels.width === width) return sprite.pixels;
    var side = sprite.image.width, data = sprite.image.getContext("2d").getImageData(0, 0, side, side).data;
    var dx = [], dy = [], rgba = [];
    for (var k = 0; k < side * side; k++) {
      var a = data[4 * k + 3]; if (!a) continue;
      dx.push(k % side); dy.push(Math.floor(k / side));
      rgba.push(Math.round((data[4 * k] * a) / 255), Math.round((data[4 * k + 1] * a) / 255),
        Math.round((data[4 * k + 2] * a) / 255), a);
    }
    var offset = new Int32Array(dx.length);
    for (k = 0; k < dx.length; k++) offset[k] = (dy[k] * width + dx[k]) * 4;
    sprite.pixels = {
      width: width, dx: new Int32Array(dx), dy: new Int32Array(dy), offset: offset,
      rgba: new Uint8Array(rgba),
    };
    return sprite.pixels;
  }

  /* Dense views: the sprites of `order` composited in JavaScript into one image put at once,
   * about three times faster than as many drawImage calls. The same picture as drawing them
   * in order (source-over), built front to back with the "under" operator on premultiplied
   * colours, so a pixel that is already opaque is skipped. */
  function stampFrontToBack(ctx, width, height, order, xs, ys, style, spriteOf, ratio) {
    var image = ctx.createImageData(width, height), acc = new Uint8Array(image.data.buffer);
    for (var k = order.length - 1; k >= 0; k--) {
      var i = order[k], sprite = spriteOf(style[i]), run = spritePixels(sprite, width);
      var x0 = Math.round(xs[i] * ratio) - sprite.half, y0 = Math.round(ys[i] * ratio) - sprite.half;
      var side = sprite.image.width, whole = x0 >= 0 && y0 >= 0 && x0 + side <= width &&
        y0 + side <= height;
      var base = (y0 * width + x0) * 4, offset = run.offset, rgba = run.rgba;
      for (var m = 0; m < offset.length; m++) {
        if (!whole) {
          var px = x0 + run.dx[m], py = y0 + run.dy[m];
          if (px < 0 || py < 0 || px >= width || py >= height) continue;
        }
        var o = base + offset[m], a = acc[o + 3];
        if (a === 255) continue;
        var under = 255 - a, q = 4 * m;
        acc[o] += (rgba[q] * under + 127) / 255;
        acc[o + 1] += (rgba[q + 1] * under + 127) / 255;
        acc[o + 2] += (rgba[q + 2] * under + 127) / 255;
        acc[o + 3] = a + (((rgba[q + 3] * under + 127) / 255) | 0);
      }
    }
    for (var p = 0; p < acc.length; p += 4) { // premultiplied to ImageData's straight colours
      var alpha = acc[p + 3];
      if (alpha && alpha < 255) {
        acc[p] = (acc[p] * 255) / alpha; acc[p + 1] = (acc[p + 1] * 255) / alpha;
        acc[p + 2] = (acc[p + 2] * 255) / alpha;
      }
    }
    ctx.putImageData(image, 0, 0);
  }

  // Panes above Leaflet's own (markerPane 600, popupPane 700). The canvases take no pointer
  // events, so the icons below them still get their clicks.
  var INCIDENT_PANE = 650; // above the site icons: an incident at a site stays visible
  var DRAFT_PANE = 660; // drafts under review above everything reviewed
  var SELECTED_PANE = 670; // the ring around the selected feature
  var PHONE_WIDTH = 500; // px of map width below which the app shows no popup, only its drawer
  var POPUP_TIP = 20; // px: the height of a popup's tip (Leaflet's .leaflet-popup-tip-container)
  var TOOLTIP_PANE = 680; // tooltips above both
  var SELECTED_COLOR = "#00b8d9"; // a cyan no feature style uses

  function pane(map, name, zIndex) {
    var element = map.getPane(name) || map.createPane(name);
    element.style.zIndex = zIndex;
    return name;
  }

  // Incidents: one canvas, redrawn after each move or zoom. Clicks and hovers are dispatched
  // by mount(), which asks the canvases top first.
  var PointCanvas = L.Layer.extend({
    initialize: function (points, styles, paneName, className) {
      this._points = points; this._styles = styles;
      this._paneName = paneName; this._className = className;
    },
    onAdd: function (map) {
      this._canvas = L.DomUtil.create("canvas", this._className + " leaflet-zoom-hide");
      this._canvas.style.pointerEvents = "none";
      map.getPane(this._paneName).appendChild(this._canvas);
      map.on("moveend zoomend resize viewreset", this._redraw, this);
      // A view change still animating (the opening fitBounds pans or zooms) ends with
      // "moveend", which draws: drawing now would cost a full draw thrown away at once.
      if (!(map._panAnim && map._panAnim._inProgress) && !map._animatingZoom) this._redraw();
    },
    hasDrawn: function () { return Boolean(this._grid); },
    // Only points whose mask byte is 1 are drawn and hit (null: all); geo_timeline.js sets it.
    setMask: function (mask) { this._mask = mask; this._redraw(); },
    /* A mask that only adds the points flagged in `added` to the last draw (cumulative
     * playback). In a dense view (no rings, no badges) with the map where it was, the new
     * points are stamped over the picture, newest on top, instead of redrawing every point;
     * otherwise this is setMask. */
    growMask: function (mask, added) {
      var map = this._map, last = this._last;
      this._mask = mask;
      if (!map || !last || !last.dense || map.getZoom() !== last.zoom ||
          !map.getSize().equals(last.size) || !map.getPixelOrigin().equals(last.origin) ||
          !map.containerPointToLayerPoint([0, 0]).equals(last.topLeft)) return this._redraw();
      var p = this._points, n = p.lat.length, style = p.style, styles = this._styles;
      var xs = this._xs, ys = this._ys, inView = this._inView, ux = this._zoom0.x, uy = this._zoom0.y;
      var ratio = last.ratio, right = last.size.x + PAD, bottom = last.size.y + PAD;
      var ctx = this._canvas.getContext("2d"), sprites = this._sprites, drawn = this._drawn, i, x, y;
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      for (i = 0; i < n; i++) {
        if (!added[i]) continue;
        x = Math.round(ux[i] * last.scale - last.ox); y = Math.round(uy[i] * last.scale - last.oy);
        xs[i] = x; ys[i] = y;
        if (x < -PAD || y < -PAD || x > right || y > bottom) continue;
        inView[i] = 1; drawn++;
        var key = style[i] + "" + ratio;
        var sprite = sprites[key] || (sprites[key] = markerSprite(styles[style[i]], false, ratio));
        ctx.drawImage(sprite.image, Math.round(x * ratio) - sprite.half, Math.round(y * ratio) - sprite.half);
      }
      var order = new Int32Array(drawn), k = 0;
      for (i = 0; i < n; i++) if (inView[i]) order[k++] = i;
      this._grid = cellGrid(order, xs, ys, last.size);
      this._canvas.setAttribute("data-drawn", String(drawn));
      this._drawn = drawn;
      this.fire("drawn");
    },
    onRemove: function (map) {
      L.DomUtil.remove(this._canvas);
      map.off("moveend zoomend resize viewreset", this._redraw, this);
      this._grid = null;
    },
    _redraw: function () {
      var map = this._map; if (!map) return;
      var size = map.getSize(), ratio = window.devicePixelRatio || 1, canvas = this._canvas;
      canvas.width = size.x * ratio; canvas.height = size.y * ratio;
      canvas.style.width = size.x + "px"; canvas.style.height = size.y + "px";
      var topLeft = map.containerPointToLayerPoint([0, 0]);
      L.DomUtil.setPosition(canvas, topLeft);
      var ctx = canvas.getContext("2d");
      var p = this._points, n = p.lat.length, styles = this._styles, nStyles = styles.length;
      var crs = map.options.crs;
      if (!this._zoom0 || this._zoom0.crs !== crs) this._zoom0 = projectAtZoom0(crs, p.lat, p.lon);
      // Container pixel = zoom-0 point * scale - pixel origin + map pane offset (Leaflet's own
      // latLngToContainerPoint, without rounding through a LatLng and a Point per feature).
      var zoom = map.getZoom(), scale = crs.scale(zoom) / crs.scale(0);
      var origin = map.getPixelOrigin(), ox = origin.x + topLeft.x, oy = origin.y + topLeft.y;
      var ux = this._zoom0.x, uy = this._zoom0.y;
      var xs = this._xs || (this._xs = new Float32Array(n));
      var ys = this._ys || (this._ys = new Float32Array(n));
      var inView = this._inView || (this._inView = new Uint8Array(n));
      var pad = PAD, right = size.x + pad, bottom = size.y + pad, style = p.style;
      // Points in view, sorted by style (counting sort): the draw order, one sprite at a time.
      var first = new Int32Array(nStyles + 1), i, q, x, y, drawn = 0, mask = this._mask;
      for (i = 0; i < n; i++) {
        if (mask && !mask[i]) { inView[i] = 0; continue; }
        x = Math.round(ux[i] * scale - ox); y = Math.round(uy[i] * scale - oy);
        xs[i] = x; ys[i] = y;
        if (x < -pad || y < -pad || x > right || y > bottom) { inView[i] = 0; continue; }
        inView[i] = 1; first[style[i] + 1]++; drawn++;
      }
      for (q = 0; q < nStyles; q++) first[q + 1] += first[q];
      var order = new Int32Array(drawn), next = first.slice(0, nStyles);
      for (i = 0; i < n; i++) if (inView[i]) order[next[style[i]]++] = i;
      this._grid = cellGrid(order, xs, ys, size);
      var detailed = drawn <= DETAIL_LIMIT;
      if (detailed) {
        // Halos first (uncertainty radius in metres, or a ring when the radius is unknown).
        var metresPerPx = 40075016.686 * Math.abs(Math.cos((map.getCenter().lat * Math.PI) / 180)) /
          Math.pow(2, zoom + 8);
        ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
        styles.forEach(function (st, s) {
          if (!st.halo || first[s] === first[s + 1]) return;
          ctx.beginPath();
          for (var k = first[s]; k < first[s + 1]; k++) {
            // The ring's look is geo.style.HALO's, sent with the style.
            var h = st.halo, j = order[k];
            var r = p.unc[j] > 0 ? p.unc[j] / metresPerPx : st.size * h.unknownRadius;
            r = Math.max(r, st.size * h.minRadius);
            ctx.moveTo(xs[j] + r, ys[j]); ctx.arc(xs[j], ys[j], r, 0, 2 * Math.PI);
          }
          ctx.globalAlpha = st.halo.fillOpacity; ctx.fillStyle = st.color; ctx.fill();
          ctx.globalAlpha = st.halo.opacity; ctx.setLineDash(st.halo.dash);
          ctx.lineWidth = st.halo.weight; ctx.strokeStyle = st.color; ctx.stroke();
        });
        ctx.globalAlpha = 1; ctx.setLineDash([]);
      }
      // Markers: each style's sprite stamped at whole device pixels.
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      var sprites = this._sprites || (this._sprites = {});
      function spriteOf(s) {
        var key = s + (detailed ? "d" : "") + ratio;
        return sprites[key] || (sprites[key] = markerSprite(styles[s], detailed, ratio));
      }
      if (detailed) {
        for (q = 0; q < nStyles; q++) {
          if (first[q] === first[q + 1]) continue;
          var sprite = spriteOf(q), image = sprite.image, half = sprite.half;
          for (var k = first[q]; k < first[q + 1]; k++) {
            i = order[k];
            ctx.drawImage(image, Math.round(xs[i] * ratio) - half, Math.round(ys[i] * ratio) - half);
          }
        }
      } else {
        stampFrontToBack(ctx, canvas.width, canvas.height, order, xs, ys, style, spriteOf, ratio);
      }
      // Markers drawn over each other get a count badge (in dense views the picture is a
      // density anyway: zoom in, then the badges show).
      var badges = detailed ? overlapGroups(order, xs, ys) : [];
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      badges.forEach(function (g) {
        var r = styles[style[g.index]].size / 2;
        countBadge(ctx, xs[g.index] + r * 0.8, ys[g.index] - r * 0.8, g.count);
      });
      canvas.setAttribute("data-badges", String(badges.length));
      this._last = {
        dense: !detailed, zoom: zoom, size: size, origin: map.getPixelOrigin(), topLeft: topLeft,
        ratio: ratio, scale: scale, ox: ox, oy: oy,
      };
      canvas.setAttribute("data-drawn", String(drawn));
      this._drawn = drawn;
      this.fire("drawn");
    },
    // Every point whose marker covers `point` (container pixels), nearest first; a point drawn
    // later wins a tie, as it is the one on top.
    hitsAt: function (point) {
      var grid = this._grid, found = [];
      if (!grid) return found;
      var cx = Math.floor((point.x + PAD) / CELL), cy = Math.floor((point.y + PAD) / CELL);
      for (var gy = Math.max(cy - 1, 0); gy <= Math.min(cy + 1, grid.rows - 1); gy++) {
        for (var gx = Math.max(cx - 1, 0); gx <= Math.min(cx + 1, grid.cols - 1); gx++) {
          var cell = gy * grid.cols + gx;
          for (var k = grid.first[cell]; k < grid.first[cell + 1]; k++) {
            var j = grid.items[k], ddx = this._xs[j] - point.x, ddy = this._ys[j] - point.y;
            var d = ddx * ddx + ddy * ddy, r = this._styles[this._points.style[j]].size / 2 + HIT_SLOP;
            if (d <= r * r) found.push({ index: j, d: d, k: k });
          }
        }
      }
      found.sort(function (a, b) { return a.d - b.d || b.k - a.k; });
      return found.map(function (f) { return f.index; });
    },
    latLngOf: function (j) { return L.latLng(this._points.lat[j], this._points.lon[j]); },
  });

  function siteIcon(style) {
    var html = '<div class="geo-site" style="color:' + style.color + ";border-color:" +
      style.color + (style.dashArray ? ";border-style:dashed" : "") + '"><i class="fa-solid fa-' +
      style.icon + '"></i></div>';
    var size = style.size;
    return L.divIcon({ className: "geo-site-icon", html: html, iconSize: [size, size] });
  }

  function arrowHeads(map, latlngs, style, group, paneName) {
    // An arrowhead at the middle and at the end of the line, pointing along it.
    if (latlngs.length < 2) return;
    var picks = [Math.floor((latlngs.length - 1) / 2), latlngs.length - 2];
    picks.forEach(function (k) {
      var a = map.project(latlngs[k], 0), b = map.project(latlngs[k + 1], 0);
      var angle = (Math.atan2(b.y - a.y, b.x - a.x) * 180) / Math.PI;
      var at = k === latlngs.length - 2 ? latlngs[k + 1] :
        L.latLng((latlngs[k].lat + latlngs[k + 1].lat) / 2, (latlngs[k].lng + latlngs[k + 1].lng) / 2);
      var html = '<svg width="16" height="16" viewBox="-8 -8 16 16" style="transform:rotate(' +
        angle + 'deg)"><path d="M7,0 L-6,-6 L-3,0 L-6,6 Z" fill="' + style.color + '"/></svg>';
      var options = {
        interactive: false, keyboard: false,
        icon: L.divIcon({ className: "geo-arrow-icon", html: html, iconSize: [16, 16] }),
      };
      if (paneName) options.pane = paneName;
      group.addLayer(L.marker(at, options));
    });
  }

  function pathOptions(style, paneName) {
    var options = {
      color: style.color, weight: style.weight, opacity: style.opacity,
      fillColor: style.fillColor, fillOpacity: style.fillOpacity, dashArray: style.dashArray,
    };
    if (paneName) options.pane = paneName;
    return options;
  }

  /* Mount the payload on `map`. Returns the top-level layers at once (streamlit-folium binds
   * its click handlers to the layers present when the script ends); they fill when the
   * payload is decoded.
   *
   * Picking: one dispatcher finds what is drawn under the pointer, incidents (drafts first,
   * they are on top) before site icons, both before the route or area below. One feature
   * there: its tooltip on hover, its popup on click. Several: the tooltip counts and names
   * them, the click opens a list naming each, whose entries open their popups. So every
   * feature can be opened, however many share a place, and hover and click always agree. */
  function mount(map, payloadB64, options) {
    options = options || {};
    var layers = {
      incidents: L.layerGroup(), sites: L.layerGroup(), routes: L.layerGroup(),
      areas: L.layerGroup(), borders: L.layerGroup(), drafts: L.layerGroup(),
    };
    var order = ["borders", "areas", "routes", "incidents", "sites", "drafts"];
    order.forEach(function (k) { layers[k].addTo(map); });
    pane(map, "geoIncidents", INCIDENT_PANE);
    pane(map, "geoDrafts", DRAFT_PANE);
    pane(map, "geoSelected", SELECTED_PANE);
    map.getPane("tooltipPane").style.zIndex = TOOLTIP_PANE;
    var tooltip = L.tooltip({ direction: "top", offset: [0, -8] });
    var ring = L.circleMarker([0, 0], {
      pane: "geoSelected", interactive: false, radius: 13, weight: 3, color: SELECTED_COLOR,
      fill: false,
    });

    decode(payloadB64).then(function (data) {
      var features = data.features, styles = data.styles;
      var canvases = []; // top first
      var siteParts = []; // top first: [{lat, lon, row, size}] per part
      var overShape = null; // {row, latlng} of the route or area under the pointer

      function highlight(latlng) { ring.setLatLng(latlng).addTo(map); }
      function popupOptions() {
        // Compact and still: the details panel beside the map has room for the rest, and a
        // popup that pans the map would move the view the page keeps in its URL.
        var size = map.getSize();
        return {
          maxWidth: Math.min(320, size.x - 60), maxHeight: Math.max(120, Math.min(280, size.y - 90)),
          autoPan: false, className: "geo-popup-wrap",
        };
      }
      // A popup that would hang over the map's left or right edge is moved sideways inside
      // it, its tip kept on the feature; one that would run over the top edge opens below
      // the feature when there is more room there (its tip on top), else its content
      // scrolls in the room above. It never pans the map (the page keeps the view).
      function openInside(popup) {
        popup.openOn(map);
        var element = popup.getElement();
        if (!element) return;
        var box = element.getBoundingClientRect();
        var frame = map.getContainer().getBoundingClientRect();
        var shift = 0;
        if (box.left < frame.left + 5) shift = frame.left + 5 - box.left;
        else if (box.right > frame.right - 5) shift = frame.right - 5 - box.right;
        if (shift) {
          var room = Math.max(0, box.width / 2 - 24);
          shift = Math.max(-room, Math.min(room, shift));
          popup.options.offset = L.point(popup.options.offset).add([shift, 0]);
          popup.update();
          var tip = element.querySelector(".leaflet-popup-tip-container");
          if (tip) tip.style.marginLeft = (-20 - shift) + "px";
        }
        keepBelowTop(popup, element, frame);
      }
      function keepBelowTop(popup, element, frame) {
        var box = element.getBoundingClientRect();
        if (box.top >= frame.top + 5) return;
        var at = frame.top + map.latLngToContainerPoint(popup.getLatLng()).y;
        var above = at - frame.top - 5 - POPUP_TIP, below = frame.bottom - at - 5 - POPUP_TIP;
        var content = element.querySelector(".leaflet-popup-content");
        var extra = box.height - (content ? content.getBoundingClientRect().height : 0);
        var flip = below > above;
        popup.options.maxHeight = Math.max(60, Math.min(popup.options.maxHeight,
          (flip ? below : above) - extra));
        if (flip) L.DomUtil.addClass(element, "geo-popup-below");
        popup.update();
        if (!flip) return;
        // Moving the offset down by d moves the popup down by d: its top just under the tip.
        var offset = L.point(popup.options.offset);
        var down = at + POPUP_TIP - element.getBoundingClientRect().top;
        popup.options.offset = L.point(offset.x, offset.y + down);
        popup.update();
      }
      function select(row, latlng) {
        // On a phone-wide map the app's details drawer is the popup: a popup that may not pan
        // the map would hang over its edge there.
        if (options.compactRows && map.getSize().x < PHONE_WIDTH) map.closePopup();
        else {
          openInside(L.popup(popupOptions()).setLatLng(latlng)
            .setContent(popupHtml(features, row, options.compactRows)));
        }
        highlight(latlng);
        var escapedId = column(features.cols.id, row);
        layers.incidents.fire("click", { latlng: latlng, sourceTarget: idCarrier(escapedId) });
      }
      // Everything drawn under `point` (container pixels): [{row, latlng}], incidents first,
      // each feature once (a MultiPoint's markers may lie together).
      function hitsAt(point) {
        var seen = {};
        return rawHitsAt(point).filter(function (hit) {
          if (seen[hit.row]) return false;
          seen[hit.row] = true;
          return true;
        });
      }
      function rawHitsAt(point) {
        var hits = [];
        canvases.forEach(function (canvas) {
          if (!canvas._map) return;
          canvas.hitsAt(point).forEach(function (j) {
            hits.push({ row: canvas._points.row[j], latlng: canvas.latLngOf(j) });
          });
        });
        siteParts.forEach(function (sites) {
          if (!sites.group._map) return;
          var found = [];
          for (var j = 0; j < sites.lat.length; j++) {
            var latlng = L.latLng(sites.lat[j], sites.lon[j]);
            var at = map.latLngToContainerPoint(latlng), half = sites.size[j] / 2 + HIT_SLOP;
            var dx = Math.abs(at.x - point.x), dy = Math.abs(at.y - point.y);
            if (dx <= half && dy <= half) found.push({ row: sites.row[j], latlng: latlng, d: dx * dx + dy * dy });
          }
          found.sort(function (a, b) { return a.d - b.d; });
          hits.push.apply(hits, found);
        });
        return hits;
      }
      function listHtml(hits) {
        var html = '<div class="geo-popup geo-pick"><div class="geo-popup-title">' + hits.length +
          " features here</div><ol>";
        hits.forEach(function (hit, k) {
          var date = column(features.cols.date, hit.row);
          html += '<li><a href="#" data-pick="' + k + '">' + column(features.cols.name, hit.row) +
            "</a>" + (date ? ' <span class="geo-pick-date">' + date + "</span>" : "") + "</li>";
        });
        return html + "</ol></div>";
      }
      function showList(hits, latlng) {
        var box = L.DomUtil.create("div");
        box.innerHTML = listHtml(hits);
        L.DomEvent.on(box, "click", function (e) {
          var pick = e.target.closest && e.target.closest("[data-pick]");
          if (!pick) return;
          L.DomEvent.preventDefault(e);
          var hit = hits[Number(pick.getAttribute("data-pick"))];
          select(hit.row, hit.latlng);
        });
        openInside(L.popup(popupOptions()).setLatLng(latlng).setContent(box));
      }
      function pickAt(point, latlng) {
        var hits = hitsAt(point);
        if (!hits.length && overShape) hits = [overShape];
        if (hits.length === 1) select(hits[0].row, hits[0].latlng);
        else if (hits.length > 1) showList(hits, latlng);
        return hits.length;
      }
      function tooltipFor(hits) {
        if (hits.length === 1) return tooltipHtml(features, hits[0].row);
        var names = hits.slice(0, 5).map(function (hit) { return column(features.cols.name, hit.row); });
        return "<b>" + hits.length + " features here</b> (click for the list)<br>" + names.join("<br>") +
          (hits.length > 5 ? "<br>…" : "");
      }

      // Shapes, site icons and a point canvas of one part of the payload; `groups` maps each
      // layer key to its overlay, `paneName` (optional) puts all of them in one pane. Site
      // icons take no pointer events: the dispatcher finds them under the pointer.
      function draw(part, groups, paneName, canvasClass) {
        // Each shape (a LineString or Polygon member; points are on the canvas) is one
        // group with its arrowheads, which the timeline adds and removes as a whole
        // (shape.drawn, shape.group).
        part.shapes.forEach(function (shape) {
          var style = styles[shape.style], target = groups[shape.layer] || groups.areas;
          var layer = L.geoJSON(shape.geometry, { style: pathOptions(style, paneName) });
          var drawn = L.featureGroup([layer]);
          layer.on("mouseover", function (e) { overShape = { row: shape.row, latlng: e.latlng }; });
          layer.on("mouseout", function () { overShape = null; });
          layer.on("click", function (e) {
            L.DomEvent.stop(e);
            overShape = { row: shape.row, latlng: e.latlng };
            pickAt(e.containerPoint, e.latlng);
          });
          if (style.arrows) {
            layer.eachLayer(function (line) {
              var ll = line.getLatLngs(); if (ll.length && Array.isArray(ll[0])) ll = ll[0];
              arrowHeads(map, ll, style, drawn, paneName);
            });
          }
          target.addLayer(drawn);
          shape.drawn = drawn;
          shape.group = target;
        });
        var s = part.sites, size = new Float32Array(s.lat.length);
        for (var i = 0; i < s.lat.length; i++) {
          var style = styles[s.style[i]], markerOptions = { icon: siteIcon(style), interactive: false };
          if (paneName) markerOptions.pane = paneName;
          groups.sites.addLayer(L.marker(L.latLng(s.lat[i], s.lon[i]), markerOptions));
          size[i] = style.size;
        }
        siteParts.push({ lat: s.lat, lon: s.lon, row: s.row, size: size, group: groups.sites });
        var canvas = new PointCanvas(part.points, styles, paneName || "geoIncidents", canvasClass);
        groups.incidents.addLayer(canvas);
        return canvas;
      }
      (data.borders || []).forEach(function (b) {
        L.geoJSON(b.geojson, { interactive: false, style: pathOptions(b.style) }).addTo(layers.borders);
      });
      if (data.drafts) {
        var draftGroups = {
          incidents: layers.drafts, sites: layers.drafts, routes: layers.drafts,
          areas: layers.drafts, drafts: layers.drafts,
        };
        canvases.push(draw(data.drafts, draftGroups, "geoDrafts", "geo-draft-canvas"));
      }
      canvases.push(draw(data, layers, null, "geo-point-canvas"));
      // The time strip under the map (geo_timeline.js), when loaded: it masks the canvases.
      if (window.GeoTimeline) window.GeoTimeline.attach(map, data, canvases);

      map.on("click", function (e) { pickAt(e.containerPoint, e.latlng); });
      var hovered = null;
      map.on("mousemove", function (e) {
        var hits = hitsAt(e.containerPoint);
        if (!hits.length && overShape) hits = [overShape];
        map.getContainer().style.cursor = hits.length ? "pointer" : "";
        var key = hits.map(function (hit) { return hit.row; }).join(",");
        if (key === hovered) return;
        hovered = key;
        if (!hits.length) { map.closeTooltip(tooltip); return; }
        tooltip.setLatLng(hits.length === 1 && !overShape ? hits[0].latlng : e.latlng)
          .setContent(tooltipFor(hits));
        map.openTooltip(tooltip);
      });
      map.on("mouseout", function () { hovered = null; map.closeTooltip(tooltip); });
      // The app's details panel opening beside the map narrows it (the centre stays): the
      // selected feature, and its popup if open, that the narrower map cuts are brought back
      // just inside. Only this resize moves the map; a popup never does.
      map.on("resize", function () {
        if (!ring._map) return;
        var popup = map._popup && map._popup.isOpen() ? map._popup.getElement() : null;
        var half = popup ? popup.offsetWidth / 2 + 10 : 20;
        var above = popup ? popup.offsetHeight + 30 : 20;
        var pad = clearOfControls(map); // nor under a control or the timeline
        map.panInside(ring.getLatLng(), {
          paddingTopLeft: [Math.max(half, pad.left), Math.max(above, pad.top)],
          paddingBottomRight: [Math.max(half, pad.right), Math.max(20, pad.bottom)],
          animate: false,
        });
      });
      // A view set from outside (the app centres the map on a row picked in its table) rings
      // the feature now at the centre, whose details the page shows beside the map.
      map.on("moveend", function () {
        var outside = window.__GLOBAL_DATA__ && window.__GLOBAL_DATA__.last_center;
        if (!outside || outside === highlight.seen) return;
        highlight.seen = outside;
        map.closePopup(); // it named the feature selected before, not the one centred now
        var hits = hitsAt(map.latLngToContainerPoint(L.latLng(outside)));
        if (hits.length) highlight(hits[0].latlng);
      });
      // Ready once every canvas has drawn the view the map settled on, and the frame showing
      // it has been produced (the second animation frame after). Tests wait for
      // data-geo-ready; the bench reads the time, ms from navigation start.
      var pending = canvases.length;
      function drawn() {
        if (--pending > 0) return;
        requestAnimationFrame(function () {
          requestAnimationFrame(function () {
            var container = map.getContainer();
            container.setAttribute("data-geo-ready-ms", String(Math.round(performance.now())));
            container.setAttribute("data-geo-ready", "1");
            map.fire("geoready");
          });
        });
      }
      canvases.forEach(function (c) { if (c.hasDrawn()) drawn(); else c.once("drawn", drawn); });
    });
    return layers;
  }

  /* The legend as a control folded into a "Legend" button; open at start only when the map is
   * wide enough for it to sit beside the features (see fit()). */
  var LEGEND_OPEN_MIN_WIDTH = 900; // px of map width
  var TIMELINE_HEIGHT = 116; // px: the timeline strip over the map's bottom, until it is drawn

  function legendOpensAtStart(map) { return map.getSize().x >= LEGEND_OPEN_MIN_WIDTH; }

  var LegendControl = L.Control.extend({
    options: { position: "bottomleft", html: "" },
    onAdd: function (map) {
      var box = L.DomUtil.create("div", "geo-legend-control");
      box.innerHTML = '<button type="button" class="geo-legend-button" aria-expanded="false">' +
        "Legend</button>" + '<div class="geo-legend" hidden>' + this.options.html + "</div>";
      var button = box.firstChild, panel = box.lastChild;
      function show(open) {
        panel.hidden = !open;
        button.setAttribute("aria-expanded", String(open));
        button.textContent = open ? "Hide legend" : "Legend";
      }
      var toggled = false; // by the user: from then on the legend stays as they left it
      L.DomEvent.on(button, "click", function (e) {
        L.DomEvent.stop(e);
        toggled = true;
        show(panel.hidden);
        map.fire("geocontrolresize"); // an untouched map fits clear of it again
      });
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      show(legendOpensAtStart(map));
      // Until then it follows the map's width (the app's details panel narrows the map).
      map.on("resize", function () { if (!toggled) show(legendOpensAtStart(map)); });
      return box;
    },
  });

  /* The room the map's controls leave for features, as paddings in px from each side: the
   * timeline strip at the bottom, and each corner's controls (zoom, full screen and names at
   * the top left; legend and scale at the bottom left; the attribution at the bottom right),
   * each kept clear by its side or by its edge (a column at the left pads the left or the
   * top). `shape` (width / height of what is to fit) picks, among every such choice, the one
   * that leaves it the most room; without it each corner takes the side that costs least. */
  function clearOfControls(map, shape) {
    var size = map.getSize(), container = map.getContainer();
    var origin = container.getBoundingClientRect();
    var strip = container.querySelector(".geo-timeline");
    var stripHeight = strip ? strip.offsetHeight : window.GeoTimeline ? TIMELINE_HEIGHT : 0;
    var base = {left: 12, top: 12, right: 12, bottom: stripHeight + 12};
    var corners = []; // [side, px to keep clear from it, edge, px to keep clear from it]
    [["top", "left"], ["top", "right"], ["bottom", "left"], ["bottom", "right"]].forEach(
      function (corner) {
        var box = container.querySelector(".leaflet-" + corner[0] + ".leaflet-" + corner[1]);
        // Not laid out yet (Leaflet's style sheet still loading): fit() measures again then.
        if (!box || getComputedStyle(box).position !== "absolute") return;
        var l = Infinity, t = Infinity, r = -Infinity, b = -Infinity;
        box.querySelectorAll(".leaflet-control").forEach(function (control) {
          var rect = control.getBoundingClientRect();
          if (!rect.width || !rect.height) return;
          l = Math.min(l, rect.left); t = Math.min(t, rect.top);
          r = Math.max(r, rect.right); b = Math.max(b, rect.bottom);
        });
        if (r < l) return;
        var across = corner[1] === "left" ? r - origin.left : origin.left + size.x - l;
        var down = corner[0] === "top" ? b - origin.top : origin.top + size.y - t;
        corners.push([corner[1], across + 8, corner[0], down + 8]);
      });
    function padFor(choice) { // bit k set: corner k is kept clear by its edge
      var pad = {left: base.left, top: base.top, right: base.right, bottom: base.bottom};
      corners.forEach(function (c, k) {
        var side = choice & (1 << k) ? c[2] : c[0], px = choice & (1 << k) ? c[3] : c[1];
        pad[side] = Math.max(pad[side], px);
      });
      // However crowded a small map is, the features keep at least a fifth of it each way.
      var wide = (pad.left + pad.right) / (size.x * 0.8);
      var tall = (pad.top + pad.bottom) / (size.y * 0.8);
      if (wide > 1) { pad.left /= wide; pad.right /= wide; }
      if (tall > 1) { pad.top /= tall; pad.bottom /= tall; }
      return pad;
    }
    var best = null, bestRoom = -1;
    for (var choice = 0; choice < 1 << corners.length; choice++) {
      var pad = padFor(choice), room;
      var x = size.x - pad.left - pad.right, y = size.y - pad.top - pad.bottom;
      if (shape) room = Math.min(x / shape, y); // the height the shape can have
      else { // the cheapest: each corner by the side that is the smaller share of the map
        room = 0;
        corners.forEach(function (c, k) {
          var edge = Boolean(choice & (1 << k));
          var cheaper = c[3] / size.y < c[1] / size.x;
          room += edge === cheaper ? 1 : 0;
        });
      }
      if (room > bestRoom) { best = pad; bestRoom = room; }
    }
    return best;
  }

  /* Fit `bounds` ([[south, west], [north, east]]) into the room the map's controls leave
   * (clearOfControls); fit again whenever the map is resized (its frame is often sized after
   * the map is made, and on a phone the details drawer shortens it) or a control changes
   * size, until the user pans or zooms it. A click (to select) is no move. */
  function fit(map, bounds, maxZoom) {
    var touched = false, used = null, fitting = false;
    function apply() {
      var size = map.getSize();
      if (!size.x || !size.y) return;
      var sw = map.project(bounds[0], 0), ne = map.project(bounds[1], 0);
      var shape = Math.max(Math.abs(ne.x - sw.x), 1e-9) / Math.max(Math.abs(sw.y - ne.y), 1e-9);
      var pad = clearOfControls(map, shape);
      // The same room as the last fit: nothing to redo (a redraw of every point is not free).
      var key = [size.x, size.y, pad.left, pad.top, pad.right, pad.bottom].join();
      if (key === used) return;
      used = key;
      fitting = true;
      map.fitBounds(bounds, {
        paddingTopLeft: [pad.left, pad.top], paddingBottomRight: [pad.right, pad.bottom],
        maxZoom: maxZoom, animate: false,
      });
      fitting = false;
    }
    ["wheel", "keydown"].forEach(function (type) {
      map.getContainer().addEventListener(type, function () { touched = true; }, { passive: true });
    });
    map.on("dragstart", function () { touched = true; });
    map.on("zoomstart", function () { if (!fitting) touched = true; });
    apply();
    map.on("resize geostripresize geocontrolresize", function () { if (!touched) apply(); });
    // A top corner's controls change size when their style sheet or font arrives, or when one
    // is added (the "Names" box, a notice): measure them again. (Not the bottom corners: the
    // scale's width follows the zoom, which a fit changes.)
    if (window.ResizeObserver) {
      var watcher = new ResizeObserver(function () { if (!touched) apply(); });
      map.getContainer().querySelectorAll(".leaflet-top").forEach(function (corner) {
        watcher.observe(corner);
      });
    }
    // Once the style sheets are in, the controls have their places: measure them again.
    if (document.readyState !== "complete") {
      window.addEventListener("load", function () { if (!touched) apply(); });
    }
  }

  /* The wheel zooms the map only once the map has been clicked (until the pointer leaves it),
   * or with Ctrl held; otherwise it scrolls the page. */
  function wheelAfterClick(map) {
    var container = map.getContainer();
    map.scrollWheelZoom.disable();
    map.on("click", function () { map.scrollWheelZoom.enable(); });
    container.addEventListener("mouseleave", function () { map.scrollWheelZoom.disable(); });
    container.addEventListener("wheel", function (e) {
      if (!e.ctrlKey || map.scrollWheelZoom.enabled()) return;
      e.preventDefault();
      map.setZoomAround(map.mouseEventToContainerPoint(e), map.getZoom() + (e.deltaY < 0 ? 1 : -1));
    }, { passive: false });
  }

  /* A notice on the map while a tile layer fails to load (no network, or the server refuses). */
  function reportTileErrors(map, tiles, name) {
    var notice = L.control({ position: "topright" }), shown = false;
    notice.onAdd = function () {
      var box = L.DomUtil.create("div", "geo-notice");
      box.textContent = name + " tiles could not be loaded (no network?): only the borders show.";
      return box;
    };
    tiles.on("tileerror", function () { if (!shown) { shown = true; notice.addTo(map); } });
    tiles.on("tileload", function () { if (shown) { shown = false; notice.remove(); } });
  }

  /* In the app the map fills the frame it is given (the page sizes that frame to the window). */
  function fillFrame(map) {
    var container = map.getContainer();
    container.style.height = "100vh";
    map.invalidateSize();
  }

  // Full screen for the map's container (the Fullscreen API; no plugin file needed).
  var FullscreenControl = L.Control.extend({
    options: { position: "topleft" },
    onAdd: function (map) {
      var bar = L.DomUtil.create("div", "leaflet-bar geo-fullscreen");
      var link = L.DomUtil.create("a", "", bar);
      link.href = "#"; link.title = "Full screen"; link.setAttribute("role", "button");
      link.innerHTML = '<i class="fa-solid fa-expand"></i>';
      L.DomEvent.on(link, "click", function (e) {
        L.DomEvent.stop(e);
        var el = map.getContainer();
        if (document.fullscreenElement) document.exitFullscreen();
        else if (el.requestFullscreen) el.requestFullscreen();
      });
      document.addEventListener("fullscreenchange", function () { map.invalidateSize(); });
      return bar;
    },
  });

  window.GeoMap = {
    mount: mount, FullscreenControl: FullscreenControl, LegendControl: LegendControl, fit: fit,
    wheelAfterClick: wheelAfterClick, reportTileErrors: reportTileErrors, fillFrame: fillFrame,
    popupHtml: popupHtml,
  };
})();
