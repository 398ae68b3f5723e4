"""Memory flatness: runs a training command and samples the process's resident set size (VmRSS in
/proc/PID/status) every 20 ms from a thread of its own. Each time the command logs the end of an epoch
("epoch N/M ... train loss"), it records that epoch's peak (the largest sample since the previous epoch's
line) and the sample taken right at the line.

Why the peak: the line comes after the epoch's evaluation and saves, and the next epoch starts at once; a
single sample lands anywhere in that epoch's first steps (one run: the native heap 75-182 MiB at the
sample, for the same state). The peak is what a process limit sees, and it rises when memory leaks.

usage: rss.py VARIANT -- COMMAND...
records section "rsspeak" (item "epoch N", VARIANT, peak MiB) and section "rss" (the sample at the line)
"""
import re
import subprocess
import sys
import threading

import benchlib

EPOCH = re.compile(r"\bepoch (\d+)/(\d+)\s+train loss")
PERIOD_S = 0.02


def rss_mib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    raise RuntimeError("no VmRSS for pid %d" % pid)


class PeakSampler(threading.Thread):
    """Samples a process's RSS until it exits; take() returns the peak since the last take()."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid = pid
        self.lock = threading.Lock()
        self.peak = 0.0
        self.done = threading.Event()

    def run(self):
        while not self.done.wait(PERIOD_S):
            try:
                mib = rss_mib(self.pid)
            except (OSError, RuntimeError):  # the process has exited (or is a zombie without VmRSS)
                return
            with self.lock:
                self.peak = max(self.peak, mib)

    def take(self, now):
        with self.lock:
            peak, self.peak = max(self.peak, now), 0.0
        return peak


def main():
    sep = sys.argv.index("--") if "--" in sys.argv else -1
    if sep != 2:
        raise SystemExit("usage: rss.py VARIANT -- COMMAND...")
    variant, cmd = sys.argv[1], sys.argv[sep + 1:]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
    sampler = PeakSampler(proc.pid)
    sampler.start()
    epochs = 0
    for line in proc.stdout:
        sys.stderr.write(line)
        m = EPOCH.search(line)
        if m:
            epochs += 1
            now = rss_mib(proc.pid)
            benchlib.add("rss", "epoch %s" % m.group(1), variant, now, "MiB")
            benchlib.add("rsspeak", "epoch %s" % m.group(1), variant, sampler.take(now), "MiB")
    sampler.done.set()
    if proc.wait() != 0 or epochs == 0:
        raise SystemExit("training command failed (exit %d, %d epochs seen): %s" % (proc.returncode, epochs, cmd))


if __name__ == "__main__":
    main()
