"""Memory flatness: runs a training command, and each time it logs the end of an epoch
("epoch N/M ..."), samples the process's resident set size (VmRSS in /proc/PID/status).

usage: rss.py VARIANT -- COMMAND...   (records section "rss", item "epoch N", VARIANT, value in MiB)
"""
import re
import subprocess
import sys

import benchlib

EPOCH = re.compile(r"\bepoch (\d+)/(\d+)\s+train loss")


def rss_mib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    raise RuntimeError("no VmRSS for pid %d" % pid)


def main():
    sep = sys.argv.index("--")
    if sep != 2:
        raise SystemExit("usage: rss.py VARIANT -- COMMAND...")
    variant, cmd = sys.argv[1], sys.argv[sep + 1:]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
    epochs = 0
    for line in proc.stdout:
        sys.stderr.write(line)
        m = EPOCH.search(line)
        if m:
            epochs += 1
            benchlib.add("rss", "epoch %s" % m.group(1), variant, rss_mib(proc.pid), "MiB")
    if proc.wait() != 0 or epochs == 0:
        raise SystemExit("training command failed (exit %d, %d epochs seen): %s" % (proc.returncode, epochs, cmd))


if __name__ == "__main__":
    main()
