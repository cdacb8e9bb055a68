"""Scale-out: the same pipeline stages on a Dask cluster (``newsweave digest --dask``)."""

from newsweave.scale.dask import DaskOptions, dask_client, digest_dask, extract_articles_dask

__all__ = ["DaskOptions", "dask_client", "digest_dask", "extract_articles_dask"]
