"""Words of every language the project reads, on the ground floor: folding a name to the key it
is looked up by (`normalize`), the languages and the names of countries, their people and
capitals (`names`), and word endings (`inflection`). The gazetteers (geo.geocoders) and the
article reader (geo.extract) both stand on them; they import nothing above them."""
