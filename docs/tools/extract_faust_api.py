#!/usr/bin/env python3
"""Extract API entries (classes, methods, attributes, properties) from the
Faust 1.6 API reference text dump. Prints: lineno<TAB>kind<TAB>name."""
import re, sys

SKIP = {"Parameters", "Returns", "Return type", "Raises", "Example", "Examples",
        "Note", "Notes", "See also", "Warning", "Yields", "Keyword Arguments",
        "Type", "Default", "Environment", "faust"}
cls_re = re.compile(r"^class ([\w.]+)")
meth_re = re.compile(r"^(?:(coroutine|classmethod|staticmethod|abstract|async|property)\s+)*([A-Za-z_]\w*)\(.*\)")
attr_re = re.compile(r"^([A-Za-z_]\w*)\s*(?:=|:)\s.*$")
bare_re = re.compile(r"^([A-Za-z_]\w*)$")
mod_re = re.compile(r"^((?:faust|mode)\.[\w.]+)(\(.*)?")

# Lines that look like API entries but are code examples inside docstrings.
NOISE = {599, 620, 719, 745, 1319, 1321, 1322, 1323, 1347, 2161, 2202, 2209,
         2220, 3064, 3065, 3189, 3191, 3491}
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
for i, raw in enumerate(lines):
    l = raw.strip()
    prev = lines[i - 1].strip() if i else ""
    nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
    if l.startswith("...") or (i + 1) in NOISE:
        continue
    m = cls_re.match(l)
    if m:
        print(f"{i+1}\tclass\t{m.group(1)}"); continue
    m = mod_re.match(l)
    if m:
        print(f"{i+1}\t{'func' if m.group(2) else 'name'}\t{m.group(1)}"); continue
    m = meth_re.match(l)
    if m and ("[source]" in l or "→" in l or nxt in ("Return type", "") ):
        print(f"{i+1}\tmethod\t{m.group(2)}"); continue
    m = attr_re.match(l)
    if m and " = " in l and m.group(1) not in SKIP:
        print(f"{i+1}\tattr\t{m.group(1)}"); continue
    m = bare_re.match(l)
    # bare names are properties when followed by "Return type" or a
    # description; a bare word right after "Return type" is just a type.
    prevnb = next((x.strip() for x in reversed(lines[:i]) if x.strip()), "")
    if m and l not in SKIP and prevnb not in ("Return type", "Type") and (nxt == "Return type" or prev == ""):
        print(f"{i+1}\tprop\t{m.group(1)}"); continue
