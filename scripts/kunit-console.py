#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the console of one UML KUnit boot (scripts/kunit.sh) into results.

The console holds several KTAP documents (one per test module on 6.12, bare
suites on 6.1) mixed with kernel messages and the guest's own
"ifreg-kunit:" markers, so it is read suite by suite rather than as one
document. Each case is checked against the cases the suites in kunit/*.c
declare: a case that never reported, because its suite crashed or never
loaded, is a FAIL, never one test fewer. The same pass scans the console
for anything a debug kernel says when it is unhappy (BUG, WARNING, lockdep,
KASAN, ...) and reads the kmemleak report the guest printed.

Prints "PASS|FAIL|SKIP <name>" lines on stdout for scripts/kunit.sh to
record, and a readable account on stderr.

usage: kunit-console.py SERIES CONSOLE_LOG KUNIT_SOURCE_DIR
"""

import glob
import re
import sys

MARK = "ifreg-kunit: "
# Guest steps, in the order the guest runs them.
STEPS = ["insmod-ifreg", "insmod-ifreg_kunit", "rmmod-ifreg_kunit",
         "rmmod-ifreg", "sysfs-gone"]

# What a debug kernel prints when something is wrong. Deliberately broad:
# a false alarm costs a look, a missed report costs a bug.
SPLAT = re.compile(
    r"\bBUG\b|WARNING:|cut here|\bOops\b|Kernel panic|general protection"
    r"|Call Trace:|Stack:|Unable to handle|corruption|ODEBUG:"
    r"|\bKASAN\b|\bUBSAN\b"
    r"|INFO: |lockdep|DEBUG_LOCKS_WARN_ON|possible (recursive|circular)"
    r"|inconsistent lock|refcount_t:|has no release|segfault"
    r"|Modules linked in:|\bsoftlockup\b|hung_task|blocked for more than")

# Known false reports, each matched by its first line and by a function that
# must be a reliable frame of its own backtrace; nothing broader.
# - 6.1: lockdep flags "suspicious RCU usage" in UML's force_flush_all
#   (arch/um), which walks the VMAs without the RCU read lock at exec.
# - 6.1: UML with KASAN allocates module memory the way x86 does, deferring
#   its kmemleak registration to KASAN, which on UML never makes it; the
#   module loader then paints and adds scan areas to memory kmemleak does
#   not know. It happens for every module, before any of its code runs.
IGNORED_REPORTS = [
    ("WARNING: suspicious RCU usage", "force_flush_all"),
    ("kmemleak: Trying to color unknown object", "load_module"),
    ("kmemleak: Adding scan area to unknown object", "kmemleak_load_module"),
]

# Bits of /proc/sys/kernel/tainted that a clean run may have:
# O (out-of-tree module), E (unsigned module), N (KUnit test ran).
TAINT_OK = (1 << 12) | (1 << 13) | (1 << 18)
TAINT_LETTERS = "PFSRMBUDAWCIOELKXTN"

PREFIX = re.compile(r"^\[\s*\d+\.\d+\]\s?")


def expected_suites(srcdir):
    """{suite: [case, ...]} as declared in the suites' sources."""
    suites = {}
    for path in sorted(glob.glob(srcdir + "/*.c")):
        text = open(path, encoding="utf-8", errors="replace").read()
        arrays = {}
        for m in re.finditer(r"struct\s+kunit_case\s+(\w+)\s*\[\s*\]\s*=\s*\{(.*?)\};",
                             text, re.S):
            arrays[m.group(1)] = re.findall(r"KUNIT_CASE\w*\(\s*(\w+)", m.group(2))
        for m in re.finditer(r"struct\s+kunit_suite\s+\w+\s*=\s*\{(.*?)\};", text, re.S):
            name = re.search(r"\.name\s*=\s*\"([^\"]+)\"", m.group(1))
            cases = re.search(r"\.test_cases\s*=\s*(\w+)", m.group(1))
            if name:
                suites[name.group(1)] = arrays.get(cases.group(1), []) if cases else []
    return suites


class Suite:
    def __init__(self, name):
        self.name = name
        self.plan = None
        self.cases = {}         # name -> PASS/FAIL/SKIP, in report order
        self.status = None      # the suite's own ok / not ok, None if it never ended
        self.notes = []         # the suite's diagnostic lines, for failures


def parse(lines):
    suites = {}
    cur = None
    for line in lines:
        m = re.match(r"^ {4}# Subtest: (\S+)\s*$", line)
        if m:
            cur = suites.setdefault(m.group(1), Suite(m.group(1)))
            continue
        if cur is None:
            continue
        m = re.match(r"^ {4}1\.\.(\d+)\s*$", line)
        if m and cur.plan is None:
            cur.plan = int(m.group(1))
            continue
        m = re.match(r"^ {4}(ok|not ok) \d+ (?:- )?(\S+)(.*)$", line)
        if m:
            skip = re.search(r"#\s*SKIP", m.group(3), re.I)
            cur.cases[m.group(2)] = ("SKIP" if skip else
                                     "PASS" if m.group(1) == "ok" else "FAIL")
            continue
        m = re.match(r"^(ok|not ok) \d+ (?:- )?(\S+)", line)
        if m and m.group(2) == cur.name:
            cur.status = m.group(1)
            cur = None
            continue
        # The case's own diagnostics: "# case: EXPECTATION FAILED at ..."
        # and the indented "Expected ..." lines under it.
        if line.startswith("    ") and not re.match(r"^\s*(KTAP|1\.\.|# module:)", line):
            cur.notes.append(line.rstrip())
    return suites


TRACE = re.compile(r"^\s*\[<[0-9a-f]+>\] ")


def report_end(lines, i):
    """Where the report starting at line i ends: after its backtrace, or
    None when no backtrace follows soon (then it is not one of ours)."""
    j = i + 1
    while j < len(lines) and j < i + 60 and lines[j].strip() != "Call Trace:":
        j += 1
    if j >= len(lines) or lines[j].strip() != "Call Trace:":
        return None
    j += 1
    while j < len(lines) and TRACE.match(lines[j]):
        j += 1
    return j


def splats(lines):
    """The offending lines, with the known false reports taken out."""
    bad = []
    i = 0
    while i < len(lines):
        line = lines[i]
        for first, func in IGNORED_REPORTS:
            if first not in line:
                continue
            end = report_end(lines, i)
            frame = re.compile(r"^\s*\[<[0-9a-f]+>\] %s\+" % re.escape(func))
            if end and any(frame.match(l) for l in lines[i:end]):
                i = end
                break
        else:
            if SPLAT.search(line) and not line.startswith(MARK):
                bad.append(line)
            i += 1
    return bad


def main():
    series, log, srcdir = sys.argv[1:4]
    raw = open(log, encoding="utf-8", errors="replace").read().splitlines()
    lines = [PREFIX.sub("", l.rstrip("\r")) for l in raw]
    out = []
    res = lambda status, name: out.append((status, "kunit/%s/%s" % (series, name)))
    err = lambda msg: print(msg, file=sys.stderr)

    # The guest's markers. The kmemleak report is kept apart: it is its own
    # result, and its text would trip the splat scan.
    steps, kmemleak, taint, done, texts = {}, [], None, False, []
    console, in_leak = [], False
    for l in lines:
        if MARK in l:
            words = l.split(MARK, 1)[1].split()
            if words[:1] == ["step"] and len(words) >= 3:
                steps[words[1]] = words[2]
            elif words[:1] == ["kmemleak-begin"]:
                in_leak = True
            elif words[:1] == ["kmemleak-end"]:
                in_leak = False
            elif words[:1] == ["text"] and len(words) >= 3:
                texts.append("%s .text at %s" % (words[1], words[2]))
            elif words[:1] == ["taint"] and len(words) >= 2:
                taint = int(words[1])
            elif words[:1] == ["done"]:
                done = True
            continue
        if in_leak:
            kmemleak.append(l)
        else:
            console.append(l)

    # The cases.
    want = expected_suites(srcdir)
    got = parse(console)
    for name in list(want) + [s for s in got if s not in want]:
        s = got.get(name)
        cases = want.get(name, [])
        if s is None:
            err("%s: suite %s never ran" % (series, name))
            for c in cases:
                res("FAIL", "%s/%s" % (name, c))
            if not cases:
                res("FAIL", name)
            continue
        for c in cases + [c for c in s.cases if c not in cases]:
            st = s.cases.get(c)
            if st is None:
                err("%s: %s.%s never reported (crash?)" % (series, name, c))
                st = "FAIL"
            res(st, "%s/%s" % (name, c))
        if s.status is None or (s.plan is not None and len(s.cases) < s.plan):
            err("%s: suite %s did not finish: %d of %s cases reported"
                % (series, name, len(s.cases), s.plan))
            res("FAIL", name)
        elif s.status != "ok" and "FAIL" not in s.cases.values():
            err("%s: suite %s failed outside its cases (init or exit)" % (series, name))
            res("FAIL", name)
        if s.status != "ok" and s.notes:
            err("%s: %s says:\n%s" % (series, name, "\n".join(s.notes[:40])))

    # The guest's steps.
    for st in STEPS:
        rc = steps.get(st)
        res("PASS" if rc == "0" else "FAIL", st)
        if rc != "0":
            err("%s: %s %s" % (series, st,
                               "did not run" if rc is None else "failed (exit %s)" % rc))

    res("PASS" if done else "FAIL", "guest-finished")
    if not done:
        err("%s: the guest did not reach its end (crash, panic or timeout)" % series)

    leaks = [l for l in kmemleak if l.strip()]
    res("PASS" if done and not leaks else "FAIL", "kmemleak")
    if leaks:
        # The first report is enough to start from; the log has the rest.
        starts = [i for i, l in enumerate(leaks) if l.startswith("unreferenced object")]
        first = leaks[:starts[1]] if len(starts) > 1 else leaks[:40]
        err("%s: kmemleak: %d unreferenced objects (modules were at: %s); the first:\n%s"
            % (series, len(starts), ", ".join(texts) or "?", "\n".join(first)))

    bad = splats(console)
    if taint is not None and taint & ~TAINT_OK:
        flags = "".join(c for i, c in enumerate(TAINT_LETTERS) if taint & (1 << i))
        bad.append("(guest) kernel tainted %d (%s)" % (taint, flags))
    res("PASS" if not bad else "FAIL", "console-clean")
    if bad:
        err("%s: the console has reports:\n%s" % (series, "\n".join(bad[:60])))

    for st, name in out:
        print(st, name)


if __name__ == "__main__":
    main()
