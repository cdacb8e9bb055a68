"""Scale-out: the same pipeline on a Dask cluster (``newsweave digest --dask``)."""

from newsweave.scale.dask import DaskExecutor, DaskOptions, dask_client, digest_dask

__all__ = ["DaskExecutor", "DaskOptions", "dask_client", "digest_dask"]
