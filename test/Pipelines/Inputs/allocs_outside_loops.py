"""Fails if a memref.alloc of printed MLIR lies inside any region but a
function body: its indentation is deeper than the function's first level.
Prints the number of allocations checked."""
import re
import sys

body_indent = None
count = 0
for number, line in enumerate(sys.stdin, 1):
    if re.match(r"\s*func\.func ", line):
        body_indent = len(line) - len(line.lstrip()) + 2
        continue
    if "memref.alloc(" in line or "memref.alloc()" in line:
        indent = len(line) - len(line.lstrip())
        if body_indent is None or indent != body_indent:
            sys.exit(f"line {number}: allocation inside a loop or region: {line.strip()}")
        count += 1
print(f"{count} allocations, none inside a loop")
