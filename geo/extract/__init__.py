"""Proposing places, dates and incidents of a news article for review (`geo extract`).

text (reading, sentences) → places, dates → proposals → draft (FeatureCollection);
evaluate scores a draft against a hand-made gold list."""
