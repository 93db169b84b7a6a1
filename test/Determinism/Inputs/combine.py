"""Writes one module with the functions of several bench networks.

    combine.py NAME=FILE.mlir ... > out.mlir

Each FILE is a generated bench network (`module { func.func @main ... }`);
its @main becomes @NAME. Several functions let the pass manager run the
function passes of the lowering on several threads.
"""
import re
import sys

print("module {")
for arg in sys.argv[1:]:
    name, path = arg.split("=", 1)
    text = open(path).read()
    body = text[text.index("module {") + len("module {"):text.rindex("}")]
    print(re.sub(r"@main\b", "@" + name, body))
print("}")
