/* A local basemap from a PMTiles archive (geo/render/basemap.py), read by the PMTiles
 * project's reader (vendor/pmtiles/pmtiles.js): by HTTP range requests to the app's own server
 * (spec.url), or from the archive's bytes inlined in a saved page (spec.b64). Raster tiles are
 * shown as images; vector tiles are painted by protomaps-leaflet
 * (vendor/protomaps-leaflet/protomaps-leaflet.js): the project's own basemap (schema
 * "geo-basemap-1", geo/basemap_build.py: earth, water, rivers, places) by the rules below, with
 * town names in the script the reader picks in the map's "Names" control; any other vector
 * archive in protomaps-leaflet's "light" look. Labels use the browser's own fonts. No request
 * leaves the machine. */
(function () {
  "use strict";

  var SCHEMA = "geo-basemap-1";
  // The scripts a town's name can be shown in: the tile property holding it (geo.basemap_build
  // SCRIPTS) and the control's label. A town without a name in the chosen script shows its
  // Latin name (GeoNames' own).
  var SCRIPTS = [
    {key: "latn", label: "Latin"},
    {key: "cyrl", label: "Кириллица"},
    {key: "arab", label: "عربی"},
    {key: "armn", label: "Հայերեն"},
    {key: "geor", label: "ქართული"},
  ];
  var STORE_KEY = "geo-basemap-script";
  var COLOURS = {earth: "#f2efe6", water: "#bcd6ea", river: "#8db6da", town: "#333",
    halo: "rgba(255,255,255,0.85)", dot: "#555"};

  function archive(spec) {
    if (spec.url) return new pmtiles.PMTiles(new URL(spec.url, window.location.href).href);
    var binary = atob(spec.b64), bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return new pmtiles.PMTiles(new pmtiles.FileSource(new File([bytes], "basemap.pmtiles")));
  }

  function savedScript() {
    try {
      var saved = window.localStorage.getItem(STORE_KEY);
      if (SCRIPTS.some(function (s) { return s.key === saved; })) return saved;
    } catch (e) { /* storage blocked (a sandboxed frame): Latin */ }
    return "latn";
  }

  /* The project's rules: land and water fills, rivers from their zoom on, towns as a dot and
   * a name from their zoom on, the most populous first where labels would collide. */
  function ownRules(state) {
    var P = protomapsL;
    var paintRules = [
      {dataLayer: "earth", symbolizer: new P.PolygonSymbolizer({fill: COLOURS.earth})},
      {dataLayer: "water", symbolizer: new P.PolygonSymbolizer({fill: COLOURS.water})},
      {
        dataLayer: "rivers",
        symbolizer: new P.LineSymbolizer({
          color: COLOURS.river,
          width: function (z) { return z < 7 ? 0.8 : z < 9 ? 1.2 : 1.6; },
        }),
        filter: function (z, f) { return (f.props.min_zoom || 0) <= z; },
      },
    ];
    var names = function () {
      return state.script === "latn" ? ["name"] : ["name:" + state.script, "name"];
    };
    var labelRules = [{
      dataLayer: "places",
      symbolizer: new P.GroupSymbolizer([
        new P.CircleSymbolizer({radius: 2, fill: COLOURS.dot, stroke: COLOURS.halo, width: 1}),
        new P.OffsetTextSymbolizer({
          labelProps: names, fill: COLOURS.town, stroke: COLOURS.halo, width: 2.5,
          offsetX: 5, offsetY: 4,
          font: function (z, f) {
            var big = f && f.props.population >= 1000000;
            return (big ? "600 13px" : "400 12px") + " system-ui, sans-serif";
          },
        }),
      ]),
      filter: function (z, f) { return (f.props.min_zoom || 0) <= z; },
      sort: function (a, b) { return (b.population || 0) - (a.population || 0); },
    }];
    return {paintRules: paintRules, labelRules: labelRules};
  }

  /* The "Names" control: which script town names are shown in (remembered in this browser). */
  var ScriptControl = L.Control.extend({
    options: {position: "topleft"},
    initialize: function (state, options) {
      L.setOptions(this, options);
      this._state = state;
    },
    onAdd: function () {
      var box = L.DomUtil.create("label", "leaflet-bar geo-script-control");
      L.DomUtil.create("span", "", box).textContent = "Names ";
      var select = L.DomUtil.create("select", "", box);
      select.title = "Script of the town names (where GeoNames has one spelling in it)";
      SCRIPTS.forEach(function (s) {
        var option = L.DomUtil.create("option", "", select);
        option.value = s.key;
        option.textContent = s.label;
      });
      select.value = this._state.script;
      L.DomEvent.disableClickPropagation(box);
      var state = this._state;
      select.addEventListener("change", function () {
        state.script = select.value;
        try { window.localStorage.setItem(STORE_KEY, state.script); } catch (e) { /* kept */ }
        if (!state.layer) return; // not drawn yet: it will use the script chosen
        state.layer.clearLayout();
        state.layer.rerenderTiles();
      });
      return box;
    },
  });

  // The script town names are drawn in, and the layer drawing them (once made).
  var state = {script: savedScript(), layer: null, control: null};

  /* The basemap's own controls (the "Names" box of the project's basemap), added to `map`
   * before the basemap itself is made: the map's opening fit keeps the features clear of
   * them, and the picture does not move when the basemap arrives. */
  function addControls(map, spec) {
    if (!(spec.vector && spec.schema === SCHEMA) || state.control) return;
    state.control = new ScriptControl(state).addTo(map);
  }

  /* A Leaflet layer of the archive's tiles; beyond its deepest zoom they are scaled up. */
  function layer(spec) {
    var b = spec.bounds;
    if (spec.vector && spec.schema === SCHEMA) {
      var rules = ownRules(state);
      var own = protomapsL.leafletLayer({
        url: archive(spec), paintRules: rules.paintRules, labelRules: rules.labelRules,
        attribution: spec.attribution, maxDataZoom: spec.maxNativeZoom,
      });
      state.layer = own;
      own.on("add", function (e) { addControls(e.target._map, spec); });
      return own;
    }
    if (spec.vector) {
      return protomapsL.leafletLayer({
        url: archive(spec), flavor: "light", lang: "en", attribution: spec.attribution,
        maxDataZoom: spec.maxNativeZoom,
      });
    }
    return pmtiles.leafletRasterLayer(archive(spec), {
      attribution: spec.attribution, minZoom: 0, maxZoom: 19, maxNativeZoom: spec.maxNativeZoom,
      bounds: b ? [[b[1], b[0]], [b[3], b[2]]] : undefined,
    });
  }

  window.GeoBasemap = {layer: layer, addControls: addControls, SCRIPTS: SCRIPTS};
})();
