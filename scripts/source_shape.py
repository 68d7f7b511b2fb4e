#!/usr/bin/env python3
"""The project's size rules for C++ sources (README.md, "How we write code"): functions that fit
on a screen, files with one job. Lists every function over MAX_FUNCTION lines and every file over
MAX_FILE lines under src/, include/ and tools/; with --check, exits 1 when one of them has no
reason written down: a `// long because: ...` comment right above the function (or in the first
lines of the file), or an entry in scripts/source_shape.allow (work left to someone else).

Functions are found by brace matching on the source with comments, strings and preprocessor
lines blanked out: a `{` at namespace or class scope whose header holds a `(` opens a function
(constructor initializer braces included); class, struct, namespace, enum and initializer
braces do not. Lambdas and local classes count as part of the function around them.

    python3 scripts/source_shape.py            # the list, longest first
    python3 scripts/source_shape.py --check    # the CI gate (ctest: unit_source_shape), self-test first
    python3 scripts/source_shape.py --self-test
"""
import os
import re
import sys

MAX_FUNCTION = 80
MAX_FILE = 500
REASON = "long because:"
ROOTS = ("src", "include", "tools")
SUFFIXES = (".cpp", ".hpp", ".h", ".cc")


def blank(text):
    """The text with comments, string and character literals and preprocessor lines replaced by
    spaces (newlines kept, so offsets and line numbers stay)."""
    out = list(text)
    i, n = 0, len(text)
    line_start = True

    def wipe(a, b):
        for k in range(a, b):
            if out[k] != "\n":
                out[k] = " "

    while i < n:
        c = text[i]
        if line_start and c == "#":
            j = i
            while j < n and text[j] != "\n":  # a directive, with its continuation lines
                j += 2 if text[j] == "\\" else 1
            wipe(i, min(j, n))
            i = j
            continue
        if c == "\n":
            line_start = True
            i += 1
            continue
        if not c.isspace():
            line_start = False
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            wipe(i, j)
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            wipe(i, j)
            i = j
        elif c == "R" and i + 1 < n and text[i + 1] == '"' and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            m = re.match(r'R"([^()\\ ]{0,16})\(', text[i:])
            if not m:
                i += 1
                continue
            end = text.find(")" + m.group(1) + '"', i + m.end())
            j = n if end < 0 else end + len(m.group(1)) + 2
            wipe(i, j)
            i = j
        elif c in "\"'":
            if c == "'" and i > 0 and text[i - 1].isalnum():  # a digit separator: 1'000'000
                i += 1
                continue
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            wipe(i, min(j + 1, n))
            i = j + 1
        else:
            i += 1
    return "".join(out)


SCOPE_RE = re.compile(r"\b(namespace|class|struct|union|extern)\b")
OPAQUE_RE = re.compile(r"\benum\b|=\s*$|=[^=]*$|\breturn\b")


def close_of(code, i):
    """The index of the `}` matching the `{` at i (len(code) when unbalanced)."""
    depth = 0
    for k in range(i, len(code)):
        if code[k] == "{":
            depth += 1
        elif code[k] == "}":
            depth -= 1
            if depth == 0:
                return k
    return len(code)


def function_name(header, scopes):
    """`Class::name` of a function from its header (namespaces left out: the name stays the same
    when code moves between namespaces)."""
    m = re.search(r"((?:~?\w+\s*::\s*)*operator\s*(?:\(\s*\)|[^\s(]+))\s*\(", header)
    if not m:
        m = re.search(r"((?:~?\w+\s*::\s*)*~?\w+)\s*(?:<[^()]*>)?\s*\(", header)
    name = re.sub(r"\s+", "", m.group(1)) if m else "?"
    prefix = "::".join(s for s in scopes if s)
    return f"{prefix}::{name}" if prefix and "::" not in name else name


def functions(code):
    """(name, first line, last line) of every function defined in the blanked source."""
    found = []
    line_of = [0] * (len(code) + 1)
    line = 1
    for k, c in enumerate(code):
        line_of[k] = line
        if c == "\n":
            line += 1
    line_of[len(code)] = line

    def scan(begin, end, scopes):
        header_start = begin
        i = begin
        while i < end:
            c = code[i]
            if c in ";}":
                header_start = i + 1
            elif c == "{":
                header = code[header_start:i]
                flat = " ".join(header.split())
                close = close_of(code, i)
                if "(" not in flat and SCOPE_RE.search(flat) and not OPAQUE_RE.search(flat):
                    kind = SCOPE_RE.search(flat)
                    m = re.search(r"\b(?:class|struct|union)\s+(?:\[\[[^\]]*\]\]\s*)?(?:alignas\([^)]*\)\s*)?([A-Za-z_][\w:]*)", flat)
                    name = m.group(1) if m and kind.group(1) not in ("namespace", "extern") else ""
                    scan(i + 1, close, scopes + [name])
                    header_start = close + 1
                    i = close + 1
                    continue
                if flat.count("(") > flat.count(")"):  # a default argument: `std::string hint = {}`
                    i = close + 1
                    continue
                if "(" in flat and not OPAQUE_RE.search(flat.split("(")[0]) and not re.search(r"\benum\b", flat):
                    after = close + 1
                    while after < end and code[after].isspace():
                        after += 1
                    if after < end and code[after] in ",{":  # a member initializer: `a_{1}, b_{2} {`
                        i = close + 1
                        continue
                    first = header_start
                    while first < i and code[first].isspace():
                        first += 1
                    found.append((function_name(flat, scopes), line_of[first], line_of[close]))
                header_start = close + 1
                i = close + 1
                continue
            i += 1

    scan(0, len(code), [])
    return found


def has_reason(lines, first):
    """A `// long because:` comment in the comment block right above line `first` (1-based)."""
    k = first - 2
    while k >= 0 and lines[k].strip().startswith("//"):
        if REASON in lines[k]:
            return True
        k -= 1
    return False


def load_allow(root):
    path = os.path.join(root, "scripts", "source_shape.allow")
    allow = set()
    if os.path.exists(path):
        for raw in open(path, encoding="utf-8"):
            entry = raw.split("#", 1)[0].strip()
            if entry:
                allow.add(entry)
    return allow


def sources(root):
    for top in ROOTS:
        for d, _, files in os.walk(os.path.join(root, top)):
            for f in sorted(files):
                if f.endswith(SUFFIXES):
                    yield os.path.join(d, f)


def survey(root):
    """(long functions, long files): [(lines, path, name, first line, reason?)], [(lines, path, reason?)]."""
    long_functions, long_files = [], []
    for path in sources(root):
        text = open(path, encoding="utf-8", errors="replace").read()
        lines = text.split("\n")
        rel = os.path.relpath(path, root)
        count = len(lines) - (1 if text.endswith("\n") else 0)
        if count > MAX_FILE:
            reason = any(REASON in l for l in lines[:12])
            long_files.append((count, rel, reason))
        for name, first, last in functions(blank(text)):
            n = last - first + 1
            if n > MAX_FUNCTION:
                long_functions.append((n, rel, name, first, has_reason(lines, first)))
    long_functions.sort(key=lambda x: (-x[0], x[1]))
    long_files.sort(key=lambda x: (-x[0], x[1]))
    return long_functions, long_files


def main(argv):
    if "--self-test" in argv:
        return self_test()
    if "--check" in argv and self_test() != 0:  # a finder that misses functions passes everything
        return 1
    root = os.path.abspath(next((a for a in argv if not a.startswith("--")), os.path.join(os.path.dirname(__file__), "..")))
    check = "--check" in argv
    allow = load_allow(root)
    long_functions, long_files = survey(root)
    bad = []
    for n, rel, name, first, reason in long_functions:
        allowed = f"{rel}:{name}" in allow
        note = "long because: ..." if reason else "allowed (scripts/source_shape.allow)" if allowed else "NO REASON"
        print(f"{n:5d} lines  {rel}:{first}  {name}  [{note}]")
        if not reason and not allowed:
            bad.append(f"{rel}:{first}: {name} is {n} lines (over {MAX_FUNCTION})")
    for n, rel, reason in long_files:
        allowed = rel in allow
        note = "long because: ..." if reason else "allowed (scripts/source_shape.allow)" if allowed else "NO REASON"
        print(f"{n:5d} lines  {rel}  (file)  [{note}]")
        if not reason and not allowed:
            bad.append(f"{rel}: {n} lines (over {MAX_FILE})")
    listed = {f"{rel}:{name}" for _, rel, name, _, _ in long_functions} | {rel for _, rel, _ in long_files}
    for entry in sorted(allow - listed):  # split since: the entry can go
        print(f"source_shape: note: scripts/source_shape.allow lists {entry}, which is no longer over the limit")
    if check and bad:
        for b in bad:
            print(f"source_shape: {b}: split it into named steps (or files by concern), or write why it stays whole "
                  f"in a `// {REASON} ...` comment right above it", file=sys.stderr)
        return 1
    if check:
        print(f"source_shape: every function over {MAX_FUNCTION} lines and file over {MAX_FILE} lines says why")
    return 0


def self_test():
    """The finder on shapes it must get right; fails loudly when it does not."""
    body = "\n".join(f"    x += {k};" for k in range(85))
    src = f"""// a file
#include <x>
namespace a {{
namespace {{
struct S {{
    int v{{0}};
    int m(int x) const {{ return x; }}
    // long because: a table of steps
    int long_member(int x) {{
{body}
        return x;
    }}
}};
constexpr int kTable[] = {{1, 2, 3}};
enum class E {{ a, b }};
}}  // namespace
S::S(int a, std::string h = {{}}) : v_{{a}}, w_(2) {{
{body}
    auto f = [](int y) {{ return y; }};
    const char* s = "{{ not a brace";
    char c = '}}';
    /* {{ */
}}
int short_one() {{ return 1; }}
}}  // namespace a
"""
    found = {name: (b, e) for name, b, e in functions(blank(src))}
    lines = src.split("\n")
    checks = [
        ("S::m" in found, "a one-line member is a function"),
        ("S::long_member" in found and found["S::long_member"][1] - found["S::long_member"][0] + 1 == 88,
         "an inline member's lines from signature to closing brace"),
        (has_reason(lines, found.get("S::long_member", (1, 1))[0]), "the reason comment above it is seen"),
        ("S::S" in found and found["S::S"][1] - found["S::S"][0] + 1 > MAX_FUNCTION,
         "a constructor with brace initializers is one function, strings and chars with braces skipped"),
        (not has_reason(lines, found.get("S::S", (1, 1))[0]), "no reason where none is written"),
        ("short_one" in found, "a function after the long ones"),
        (not any("kTable" in n or n.endswith("E") for n in found), "initializers and enums are no functions"),
    ]
    failed = [what for ok, what in checks if not ok]
    for what in failed:
        print(f"source_shape self-test: FAILED: {what} (found: {sorted(found)})", file=sys.stderr)
    if not failed:
        print(f"source_shape self-test: {len(checks)} checks passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
