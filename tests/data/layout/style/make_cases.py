# Regenerates the broken style files from templates/style/region-jh.conf, one edit each.
# First line of each case: "# expect: LINE message-part" (LINE 0 = not located at a line).
# Run: python3 make_cases.py (from this folder).
import os
base = open(os.path.join(os.path.dirname(__file__), '../../../../templates/style/region-jh.conf')).read().split('\n')

def case(name, message, edit, find=None):
    lines = edit(list(base))
    line = 0
    if find is not None:
        line = next(i for i, l in enumerate(lines) if l == find) + 2  # +1 for 1-based, +1 for the expect line
    with open(name + '.conf', 'w') as f:
        f.write('# expect: %d %s\n' % (line, message) + '\n'.join(lines))

sub = lambda a, b: (lambda ls: [b if l == a else l for l in ls])
case('bad_length', 'bad length', sub('margin_left = 22mm', 'margin_left = 22 furlongs'), 'margin_left = 22 furlongs')
case('bad_colour', 'bad colour', sub('link = #1a4f99', 'link = blue'), 'link = blue')
case('unknown_key', "unknown key 'labels.protokol'", sub('protokoll = PROTOKOLL', 'protokol = PROTOKOLL'), 'protokol = PROTOKOLL')
case('no_equals', "expected 'key = value'", sub('body = 10pt', 'body 10pt'), 'body 10pt')
case('bad_section', 'malformed section header', sub('[sizes]', '[sizes'), '[sizes')
case('repeated_key', "key 'page.width' repeated", lambda ls: ls + ['[page]', 'width = 200mm'], 'width = 200mm')
case('missing_label', "missing key 'labels.beslut'", lambda ls: [l for l in ls if not l.startswith('beslut =')])
