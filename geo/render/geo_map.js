/* Draws the project's features on a Leaflet map from one compact payload (see
 * geo/render/payload.py for its shape). Every string in the payload is already HTML-escaped
 * by geo/render/popup.py; this file only concatenates those pieces.
 *
 * Incidents are painted on one canvas in batches (one path per style), so 100,000 points paint
 * in well under a second; clicks and hovers are found through a grid of screen cells. Popups
 * are assembled on click from the payload. Sites are Font Awesome icons (no image files);
 * routes and areas are vector paths.
 *
 * A click on any feature fires "click" on the top-level layer with the feature's escaped id as
 * the tooltip text, which streamlit-folium reports as `last_object_clicked_tooltip`.
 */
(function () {
  "use strict";

  var CELL = 24; // px: size of the hit-test grid cells

  // Above this many incidents in view, outlines are drawn solid and halos left out: dashes
  // cost most of the paint time, and at that density they cannot be told apart anyway.
  var DETAIL_LIMIT = 5000;

  function decode(b64) {
    // fetch() of a data: URL decodes base64 natively (far faster than atob and a loop).
    return fetch("data:application/octet-stream;base64," + b64).then(function (response) {
      var stream = response.body.pipeThrough(new DecompressionStream("deflate"));
      return new Response(stream).json();
    });
  }

  function column(col, i) {
    if (!col) return "";
    return col.c ? col.v[col.c[i]] : col.v[i];
  }

  // The popup of feature row `i`: the same layout as geo.render.popup.assemble().
  function popupHtml(features, i) {
    var html = '<div class="geo-popup"><div class="geo-popup-title">' +
      column(features.cols.name, i) + "</div><table>";
    features.rows.forEach(function (pair) {
      var value = column(features.cols[pair[1]], i);
      if (value) html += "<tr><th>" + pair[0] + "</th><td>" + value + "</td></tr>";
    });
    html += "</table>";
    var set = features.sources.sets[features.sources.c[i]] || [];
    if (set.length) {
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

  // The incidents: one canvas, redrawn after each move or zoom.
  var PointCanvas = L.Layer.extend({
    initialize: function (points, styles, onHit) {
      this._points = points; this._styles = styles; this._onHit = onHit;
    },
    onAdd: function (map) {
      this._canvas = L.DomUtil.create("canvas", "geo-point-canvas leaflet-zoom-hide");
      this._canvas.style.pointerEvents = "none";
      // Above the site icons (markerPane, z-index 600): an incident at a site stays visible.
      // The canvas takes no pointer events, so the icons below still get their clicks.
      var pane = map.getPane("geoIncidents") || map.createPane("geoIncidents");
      pane.style.zIndex = 650;
      pane.appendChild(this._canvas);
      map.on("moveend zoomend resize viewreset", this._redraw, this);
      map.on("click", this._click, this);
      map.on("mousemove", this._hover, this);
      this._redraw();
    },
    onRemove: function (map) {
      L.DomUtil.remove(this._canvas);
      map.off("moveend zoomend resize viewreset", this._redraw, this);
      map.off("click", this._click, this);
      map.off("mousemove", this._hover, this);
      this._grid = null;
    },
    _redraw: function () {
      var map = this._map; if (!map) return;
      var size = map.getSize(), ratio = window.devicePixelRatio || 1, canvas = this._canvas;
      canvas.width = size.x * ratio; canvas.height = size.y * ratio;
      canvas.style.width = size.x + "px"; canvas.style.height = size.y + "px";
      L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([0, 0]));
      var ctx = canvas.getContext("2d");
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      var p = this._points, n = p.lat.length, styles = this._styles;
      var xs = new Float32Array(n), ys = new Float32Array(n), grid = new Map(), drawn = 0;
      var byStyle = styles.map(function () { return []; });
      var zoom = map.getZoom(), i, pt, pad = 30;
      for (i = 0; i < n; i++) {
        pt = map.latLngToContainerPoint([p.lat[i], p.lon[i]], zoom);
        xs[i] = pt.x; ys[i] = pt.y;
        if (pt.x < -pad || pt.y < -pad || pt.x > size.x + pad || pt.y > size.y + pad) continue;
        byStyle[p.style[i]].push(i); drawn++;
        var key = Math.floor(pt.x / CELL) + ":" + Math.floor(pt.y / CELL), cell = grid.get(key);
        if (cell) cell.push(i); else grid.set(key, [i]);
      }
      this._xs = xs; this._ys = ys; this._grid = grid;
      // Halos first (uncertainty radius in metres, or a ring when the radius is unknown).
      var metresPerPx = 40075016.686 * Math.abs(Math.cos((map.getCenter().lat * Math.PI) / 180)) /
        Math.pow(2, zoom + 8);
      var detailed = drawn <= DETAIL_LIMIT;
      styles.forEach(function (style, s) {
        if (!detailed || !style.halo || !byStyle[s].length) return;
        ctx.beginPath();
        byStyle[s].forEach(function (j) {
          var r = p.unc[j] > 0 ? p.unc[j] / metresPerPx : style.size;
          r = Math.max(r, style.size * 0.9);
          ctx.moveTo(xs[j] + r, ys[j]); ctx.arc(xs[j], ys[j], r, 0, 2 * Math.PI);
        });
        ctx.globalAlpha = 0.12; ctx.fillStyle = style.color; ctx.fill();
        ctx.globalAlpha = 0.9; ctx.setLineDash([5, 4]); ctx.lineWidth = 1.5;
        ctx.strokeStyle = style.color; ctx.stroke();
      });
      styles.forEach(function (style, s) {
        if (!byStyle[s].length) return;
        var r = style.size / 2;
        ctx.beginPath();
        byStyle[s].forEach(function (j) { shapePath(ctx, style.shape, xs[j], ys[j], r); });
        ctx.globalAlpha = style.fillOpacity; ctx.fillStyle = style.fillColor; ctx.fill();
        // At density the outline only matters for hollow markers (disputed, unverified).
        if (!detailed && style.fillOpacity >= 0.5 && style.fillColor === style.color) return;
        ctx.globalAlpha = style.opacity; ctx.setLineDash(detailed ? dashOf(style, 1) : []);
        ctx.lineWidth = style.weight; ctx.strokeStyle = style.color; ctx.stroke();
      });
      ctx.globalAlpha = 1; ctx.setLineDash([]);
      canvas.setAttribute("data-drawn", String(drawn));
    },
    hitAt: function (point) {
      if (!this._grid) return -1;
      var best = -1, bestD = Infinity, cx = Math.floor(point.x / CELL), cy = Math.floor(point.y / CELL);
      for (var dx = -1; dx <= 1; dx++) {
        for (var dy = -1; dy <= 1; dy++) {
          var cell = this._grid.get(cx + dx + ":" + (cy + dy)); if (!cell) continue;
          for (var k = 0; k < cell.length; k++) {
            var j = cell[k], ddx = this._xs[j] - point.x, ddy = this._ys[j] - point.y;
            var d = ddx * ddx + ddy * ddy, r = this._styles[this._points.style[j]].size / 2 + 3;
            if (d <= r * r && d <= bestD) { best = j; bestD = d; } // later drawn wins ties
          }
        }
      }
      return best;
    },
    _click: function (e) {
      var j = this.hitAt(e.containerPoint);
      if (j >= 0) this._onHit(this._points.row[j], L.latLng(this._points.lat[j], this._points.lon[j]));
    },
    _hover: function (e) {
      var j = this.hitAt(e.containerPoint), container = this._map.getContainer();
      container.style.cursor = j >= 0 ? "pointer" : "";
      if (j === this._hovered) return;
      this._hovered = j;
      this.fire("hover", { index: j, latlng: j >= 0 ? L.latLng(this._points.lat[j], this._points.lon[j]) : null });
    },
  });

  function siteIcon(style) {
    var html = '<div class="geo-site" style="color:' + style.color + ";border-color:" +
      style.color + (style.dashArray ? ";border-style:dashed" : "") + '"><i class="fa-solid fa-' +
      style.icon + '"></i></div>';
    var size = style.size;
    return L.divIcon({ className: "geo-site-icon", html: html, iconSize: [size, size] });
  }

  function arrowHeads(map, latlngs, style, group) {
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
      group.addLayer(L.marker(at, {
        interactive: false, keyboard: false,
        icon: L.divIcon({ className: "geo-arrow-icon", html: html, iconSize: [16, 16] }),
      }));
    });
  }

  function pathOptions(style) {
    return {
      color: style.color, weight: style.weight, opacity: style.opacity,
      fillColor: style.fillColor, fillOpacity: style.fillOpacity, dashArray: style.dashArray,
    };
  }

  /* Mount the payload on `map`. Returns the top-level layers at once (streamlit-folium binds
   * its click handlers to the layers present when the script ends); they fill when the
   * payload is decoded. */
  function mount(map, payloadB64, options) {
    var layers = {
      incidents: L.layerGroup(), sites: L.layerGroup(), routes: L.layerGroup(),
      areas: L.layerGroup(), borders: L.layerGroup(),
    };
    var order = ["borders", "areas", "routes", "incidents", "sites"];
    order.forEach(function (k) { layers[k].addTo(map); });
    var tooltip = L.tooltip({ direction: "top", offset: [0, -8] });

    decode(payloadB64).then(function (data) {
      var features = data.features, styles = data.styles;
      function select(row, latlng) {
        L.popup({ maxWidth: 360 }).setLatLng(latlng).setContent(popupHtml(features, row)).openOn(map);
        var escapedId = column(features.cols.id, row);
        layers.incidents.fire("click", { latlng: latlng, sourceTarget: idCarrier(escapedId) });
      }
      (data.borders || []).forEach(function (b) {
        L.geoJSON(b.geojson, { interactive: false, style: pathOptions(b.style) }).addTo(layers.borders);
      });
      data.shapes.forEach(function (shape) {
        var style = styles[shape.style], target = layers[shape.layer] || layers.areas;
        var layer = L.geoJSON(shape.geometry, { style: pathOptions(style) });
        layer.bindTooltip(tooltipHtml(features, shape.row), { sticky: true });
        layer.on("click", function (e) { L.DomEvent.stop(e); select(shape.row, e.latlng); });
        target.addLayer(layer);
        if (style.arrows) {
          layer.eachLayer(function (line) {
            var ll = line.getLatLngs(); if (ll.length && Array.isArray(ll[0])) ll = ll[0];
            arrowHeads(map, ll, style, target);
          });
        }
      });
      var s = data.sites;
      for (var i = 0; i < s.lat.length; i++) {
        (function (j) {
          var latlng = L.latLng(s.lat[j], s.lon[j]), style = styles[s.style[j]];
          var marker = L.marker(latlng, { icon: siteIcon(style), riseOnHover: true });
          marker.bindTooltip(tooltipHtml(features, s.row[j]), { direction: "top", offset: [0, -10] });
          marker.on("click", function (e) { L.DomEvent.stop(e); select(s.row[j], latlng); });
          layers.sites.addLayer(marker);
        })(i);
      }
      var canvas = new PointCanvas(data.points, styles, select);
      canvas.on("hover", function (e) {
        if (e.index < 0) { map.closeTooltip(tooltip); return; }
        tooltip.setLatLng(e.latlng).setContent(tooltipHtml(features, data.points.row[e.index]));
        map.openTooltip(tooltip);
      });
      layers.incidents.addLayer(canvas);
      // Marked after the next frame, once the features are on screen (the bench reads it).
      requestAnimationFrame(function () {
        map.getContainer().setAttribute("data-geo-ready", String(Math.round(performance.now())));
      });
    });
    return layers;
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

  window.GeoMap = { mount: mount, FullscreenControl: FullscreenControl, popupHtml: popupHtml };
})();
