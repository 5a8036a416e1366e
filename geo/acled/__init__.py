"""ACLED's CSV, both ways: its columns and how the project's properties map onto them
(`columns`), reading an ACLED export into incidents (`reader`), and writing incidents as an
ACLED CSV (`writer`). `geo.export` writes through `writer`; `geo.store` and `import-acled`
read through `reader`."""
