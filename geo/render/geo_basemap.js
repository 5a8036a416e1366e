/* A local basemap from a PMTiles archive (geo/render/basemap.py), read by the PMTiles
 * project's reader (vendor/pmtiles/pmtiles.js): by HTTP range requests to the app's own server
 * (spec.url), or from the archive's bytes inlined in a saved page (spec.b64). Raster tiles are
 * shown as images; vector tiles are painted by protomaps-leaflet
 * (vendor/protomaps-leaflet/protomaps-leaflet.js) in its "light" look, labels in English with
 * the browser's own fonts. No request leaves the machine. */
(function () {
  "use strict";

  function archive(spec) {
    if (spec.url) return new pmtiles.PMTiles(new URL(spec.url, window.location.href).href);
    var binary = atob(spec.b64), bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return new pmtiles.PMTiles(new pmtiles.FileSource(new File([bytes], "basemap.pmtiles")));
  }

  /* A Leaflet layer of the archive's tiles; beyond its deepest zoom they are scaled up. */
  function layer(spec) {
    var b = spec.bounds;
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

  window.GeoBasemap = { layer: layer };
})();
