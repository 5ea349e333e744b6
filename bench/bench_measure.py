"""Measuring a command for the bench: wall time and peak memory of its process tree."""

from __future__ import annotations

import os
import statistics
import subprocess
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

MIB = 1024 * 1024


class BenchError(Exception):
    pass


@dataclass
class Sample:
    seconds: float
    tree_peak_mib: float
    process_peak_mib: float


@dataclass
class Measurement:
    key: str
    label: str
    samples: list[Sample] = field(default_factory=list)
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def tree_peak(self) -> float:
        return max(s.tree_peak_mib for s in self.samples)

    @property
    def process_peak(self) -> float:
        return max(s.process_peak_mib for s in self.samples)

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "label": self.label,
            "runs": len(self.samples),
            "median_s": round(self.median, 3),
            "min_s": round(min(s.seconds for s in self.samples), 3),
            "max_s": round(max(s.seconds for s in self.samples), 3),
            "tree_peak_mib": round(self.tree_peak, 1),
            "process_peak_mib": round(self.process_peak, 1),
            "samples": [asdict(s) for s in self.samples],
            "note": self.note,
        }


def _tree_rss(root: int) -> int:
    """Bytes resident in ``root`` and all its descendants."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as fh:
                    stat = fh.read()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(b")", 1)[1].split()[1])
    members, frontier = {root}, [root]
    while frontier:
        current = frontier.pop()
        for pid, parent in parents.items():
            if parent == current and pid not in members:
                members.add(pid)
                frontier.append(pid)
    total = 0
    page = os.sysconf("SC_PAGE_SIZE")
    for pid in members:
        try:
            with open(f"/proc/{pid}/statm", "rb") as fh:
                total += int(fh.read().split()[1]) * page
        except OSError:
            pass
    return total


class TreeSampler(threading.Thread):
    def __init__(self, pid: int, interval: float = 0.1):
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak = pid, interval, 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.peak = max(self.peak, _tree_rss(self.pid))
            self._stop_event.wait(self.interval)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def measure(command: list[str], cwd: Path, env: dict, log: Path) -> Sample:
    """Run ``command``; return its wall time and peak memory, or raise with its log."""
    with log.open("ab") as out:
        out.write(f"\n$ {' '.join(command)}\n".encode())
        out.flush()
        started = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        sampler.stop()
        proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-40:])
        raise BenchError(f"command failed (exit {proc.returncode}): {' '.join(command)}\n{tail}")
    return Sample(round(seconds, 3), sampler.peak / MIB, usage.ru_maxrss / 1024)


def run_quiet(command: list[str], cwd: Path, env: dict, log: Path) -> None:
    measure(command, cwd, env, log)
