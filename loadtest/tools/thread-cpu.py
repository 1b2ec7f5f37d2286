#!/usr/bin/env python3
"""CPU of a process's threads, grouped by name, once a second until it exits.

usage: loadtest/tools/thread-cpu.py PID [OUT]   (OUT: a file; default standard output)

Each line: the time, then NAME=MILLIS for each thread group (thread names with their numbers
dropped, utime + stime summed, in milliseconds). Differences between lines show which
thread used the CPU in each second: how docs/performance.md found a ZGC cycle inside a knee step.
Reads /proc only (Linux); light enough to run beside a load test.
"""
import os
import re
import sys
import time

TICKS_PER_SECOND = os.sysconf('SC_CLK_TCK')  # utime and stime are in these


def sample(pid):
    groups = {}
    for tid in os.listdir(f'/proc/{pid}/task'):
        try:
            with open(f'/proc/{pid}/task/{tid}/comm') as f:
                name = re.sub(r'[-0-9#]+$', '', f.read().strip()).replace(' ', '_')
            with open(f'/proc/{pid}/task/{tid}/stat') as f:
                fields = f.read().rsplit(')', 1)[1].split()
            groups[name] = groups.get(name, 0) + (int(fields[11]) + int(fields[12])) * 1000 // TICKS_PER_SECOND
        except OSError:
            pass  # a thread that ended between the listing and the read
    return groups


def main(argv):
    if len(argv) < 2 or argv[1] in ('-h', '--help'):
        print(__doc__.strip())
        return 0 if len(argv) >= 2 else 2
    pid = argv[1]
    out = open(argv[2], 'w') if len(argv) > 2 else sys.stdout
    while os.path.exists(f'/proc/{pid}'):
        try:
            groups = sample(pid)
        except OSError:
            break
        out.write(f'{time.time():.1f} ' + ' '.join(f'{k}={v}' for k, v in sorted(groups.items())) + '\n')
        out.flush()
        time.sleep(1)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
