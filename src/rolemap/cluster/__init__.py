"""Running rolemap's stages over many shards: in one process or on a Dask cluster (engine.py), with
extraction to Parquet (shards.py), parallel loading into the store (load.py) and near-duplicate
grouping over the Parquet dataset (dedup.py)."""
