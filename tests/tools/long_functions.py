#!/usr/bin/env python3
"""Lists C++ functions longer than a limit (default 100 lines), for the project rule "functions
under 100 lines". A heuristic brace counter, not a parser: it strips comments, string and
character literals, then treats a '{' whose statement text looks like a function header (has a
'(' and is not a control statement or a lambda inside an expression) at namespace or class
level as the start of a function, and its matching '}' as the end. Lambdas and local blocks
count toward the function they sit in.

Usage: tests/tools/long_functions.py [--limit N] [PATH...]   (default: pipeline/)
Prints "file:line: NAME: N lines" per function over the limit, longest first; exit 0.
"""
import argparse
import os
import re
import sys

CONTROL = re.compile(r'^\s*(if|for|while|switch|catch|do|else|return|try)\b')
SCOPE = re.compile(r'^\s*(template\s*<.*>\s*)?(namespace|class|struct|union|enum)\b|^\s*extern\s+"C"')
NAME = re.compile(r'([~A-Za-z_][\w:~<>]*(?:operator\s*\S+)?)\s*\(')


def strip(text):
    """Replaces comments and string/char literals by spaces (newlines kept)."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith('//', i):
            j = text.find('\n', i)
            j = n if j < 0 else j
            out.append(' ' * (j - i)); i = j
        elif text.startswith('/*', i):
            j = text.find('*/', i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r'[^\n]', ' ', text[i:j])); i = j
        elif c == 'R' and text.startswith('R"', i):
            m = re.match(r'R"([^(]*)\(', text[i:])
            end = text.find(')' + (m.group(1) if m else '') + '"', i)
            j = n if end < 0 else end + len(m.group(1) if m else '') + 2
            out.append(re.sub(r'[^\n]', ' ', text[i:j])); i = j
        elif c in '"\'':
            j = i + 1
            while j < n and text[j] != c and text[j] != '\n':
                j += 2 if text[j] == '\\' else 1
            out.append(' ' * (min(j + 1, n) - i)); i = j + 1
        else:
            out.append(c); i += 1
    return ''.join(out)


def functions(path):
    text = strip(open(path, encoding='utf-8', errors='replace').read())
    stack = []          # per open brace: 'scope', 'func' or 'block'
    stmt, stmt_line = '', 0
    starts = []         # (stack depth, name, start line) of open functions
    line = 1
    for c in text:
        if c == '\n':
            line += 1
            stmt += ' '
            continue
        if c == '{':
            head = stmt.strip()
            in_func = 'func' in stack
            if not in_func and SCOPE.match(head):
                stack.append('scope')
            elif not in_func and '(' in head and not CONTROL.match(head) and not head.endswith('='):
                m = NAME.findall(head.split('(')[0] + '(')
                stack.append('func')
                starts.append((len(stack), m[-1] if m else '?', stmt_line or line))
            else:
                stack.append('block')
            stmt, stmt_line = '', 0
        elif c == '}':
            if stack:
                kind = stack.pop()
                if kind == 'func' and starts and starts[-1][0] == len(stack) + 1:
                    _, name, start = starts.pop()
                    yield name, start, line - start + 1
            stmt, stmt_line = '', 0
        elif c == ';':
            stmt, stmt_line = '', 0
        else:
            if not stmt.strip() and not c.isspace():
                stmt_line = line
            stmt += c


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--limit', type=int, default=100)
    ap.add_argument('paths', nargs='*', default=['pipeline'])
    args = ap.parse_args()
    found = []
    for root in args.paths:
        walk = [(root, [], [os.path.basename(root)])] if os.path.isfile(root) else os.walk(root)
        for d, _, files in walk:
            for f in sorted(files):
                if f.endswith(('.cpp', '.hpp', '.cc', '.h')):
                    p = root if os.path.isfile(root) else os.path.join(d, f)
                    found += [(n, p, s, name) for name, s, n in functions(p) if n > args.limit]
    for n, p, s, name in sorted(found, key=lambda t: (-t[0], t[1], t[2])):
        print(f'{p}:{s}: {name}: {n} lines')
    return 0


if __name__ == '__main__':
    sys.exit(main())
