"""Extract and compare on a Dask cluster (the optional extra `vnkr[dask]`).

Dask does the distributing: scheduling, moving data, and recomputing the partitions of a worker
lost mid-run. vnkr's own code is only the function that runs on a partition, the same code as
`--jobs 1`, and the ordered gather on the client:

- extract: the input is cut into partitions of parts.PARTITION_FILES files, and an article
  archive into runs of lines of about parts.PARTITION_BYTES, a partition each (the client's one
  pass over the archive reads each line's URL, so a run carries the line numbers and the
  earlier document names it needs; a worker seeks to its run and reads only it). A worker
  extracts a partition into Results; the client takes them in input order, holding at most a few
  partitions ahead, so the output has the bytes of `--jobs 1` and memory does not grow with the
  corpus. A document a worker fails on comes back as one error Result; the others go on.
- compare: the claims files are read on the workers; the claims are cut by (topic, metric),
  which is coarser than compare's grouping key, so each piece is compared on its own and the
  pieces, joined in key order, give `compare` over everything.

Workers read the input paths themselves: on a cluster of several machines the input must be on a
file system they all see (stdin is read by the client and sent). Output is written by the client.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from vnkr import parts
from vnkr.extraction import Piece, Result, Settings, _serial, one_by_one, pieces, tasks

AHEAD = 4  # partitions in flight per worker: enough to keep every worker busy, few enough to hold
LOCAL = "local"


class ClusterError(RuntimeError):
    """Dask is not installed, or the scheduler cannot be reached; the message is one line."""


def partitions(work: Iterable[Piece]) -> Iterator[list[Piece]]:
    """Runs of parts.PARTITION_FILES files; a run of an archive's lines is a partition of its own."""
    return tasks(work, parts.PARTITION_FILES)


@contextmanager
def connect(scheduler: str, workers: int = 0) -> Iterator:
    """A distributed.Client on `scheduler` (tcp://host:8786), or on a LocalCluster of `workers`
    processes (default: one per core) when it is 'local'."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ClusterError("--scheduler needs Dask: pip install 'vnkr[dask]'") from None
    if scheduler == LOCAL:
        with LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(scheduler)  # waits distributed.comm.timeouts.connect (Dask's config)
    except (OSError, TimeoutError) as error:
        raise ClusterError(f"--scheduler {scheduler}: cannot reach the scheduler ({error})") from None
    with client:
        yield client


def extract_partition(settings: Settings, work: list[Piece], stdin: bytes | None = None) -> list[Result]:
    """A partition's Results on a worker. Should anything escape the pipeline's own error handling,
    its documents are taken one by one, and the one that fails is reported in one line."""
    try:
        return list(_serial(settings, work, stdin=stdin))
    except Exception:  # noqa: BLE001 - find the document, keep the rest
        return [result for piece in work for result in one_by_one(settings, piece, stdin)]


def extract_on_dask(settings: Settings, files: list[str], scheduler: str, workers: int = 0) -> Iterator[Result]:
    """A Result per document, in input order, computed on the cluster."""
    stdin = sys.stdin.buffer.read() if "-" in files else None
    with connect(scheduler, workers) as client:
        yield from ordered(client, extract_partition, ((settings, part, stdin if "-" in part else None) for part in partitions(pieces(files))))


def ordered(client, function, arguments: Iterable[tuple]) -> Iterator:
    """function(*a) for each a on the cluster, yielded item by item in order, with a window of
    AHEAD tasks per worker in flight. A task of a lost worker is recomputed by Dask."""
    window = AHEAD * max(1, len(client.scheduler_info().get("workers", {})))
    pending: deque = deque()
    queue = iter(arguments)
    for args in queue:
        pending.append(client.submit(function, *args, pure=False))
        if len(pending) >= window:
            break
    while pending:
        future = pending.popleft()
        items = future.result()
        future.release()
        for args in queue:
            pending.append(client.submit(function, *args, pure=False))
            break
        yield from items


def _split(path: str) -> tuple[dict[tuple, list[dict]], list[str]]:
    """A claims file's claims by (topic, metric), in file order, and the errors of its bad lines."""
    from vnkr.claims_io import read_claims_file

    pieces: dict[tuple, list[dict]] = {}
    errors: list[str] = []
    for claim in read_claims_file(path, errors):
        pieces.setdefault(_coarse(claim), []).append(claim)
    return pieces, errors


def _coarse(claim: dict) -> tuple:
    return (claim.get("topic"), claim.get("metric"))


def _keys(split: tuple) -> tuple[list[tuple], list[str], int]:
    pieces, errors = split
    return list(pieces), errors, sum(map(len, pieces.values()))


def _compare_piece(key: tuple, options: dict, *files: tuple) -> dict:
    from vnkr.compare import compare

    claims = [c for pieces, _ in files for c in pieces.get(key, ())]
    return compare(claims, **options).model_dump()


def compare_on_dask(paths: list[str], scheduler: str, workers: int = 0, errors: list[str] | None = None, **options):
    """compare() over claims files, read and compared on the cluster; the same Comparison as compare()
    over the claims of every file in order, and the number of claims read. A file that cannot be
    read raises ClaimsFileError, and so does a bad line unless `errors` is given: then its message
    is added there and the line skipped."""
    from vnkr.compare import STATUS_ORDER, Comparison

    with connect(scheduler, workers) as client:
        files = [client.submit(_split, path, pure=False) for path in paths]
        found = client.gather([client.submit(_keys, f) for f in files])
        keys = dict.fromkeys(k for file_keys, _, _ in found for k in file_keys)
        bad = [message for _, file_errors, _ in found for message in file_errors]
        if bad:
            if errors is None:
                from vnkr.claims_io import ClaimsFileError

                raise ClaimsFileError(bad[0])
            errors.extend(bad)
        order = sorted(keys, key=lambda k: tuple("" if v is None else str(v) for v in k))  # compare's own key order starts with these
        parts = client.gather([client.submit(_compare_piece, key, options, *files, pure=False) for key in order])
    result = Comparison(groups=[g for p in parts for g in p["groups"]], series=[s for p in parts for s in p["series"]])
    result.groups.sort(key=lambda g: STATUS_ORDER[g.status])
    return result, sum(count for _, _, count in found)
