#!/usr/bin/env python3
"""make mutants: prove that the KUnit suite catches the removal of each
rule. For every mutant in configs/mutants, patch drivers/iommu/iommu.c
in the generated tree, run the suite with kunit.py, and check that the
cases the mutant names fail; the file is restored afterwards, whatever
happens. Prints one line per mutant and a closing "N passed, N failed"
(a mutant passes when every named case failed)."""
import os, re, subprocess, sys

top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
build = os.environ.get('BUILD', os.path.join(top, 'build'))
tree = os.path.join(build, 'linux')
target = os.path.join(tree, 'drivers/iommu/iommu.c')


def mutants():
    """[{'name', 'cases', 'hunks': [(old, new), ...]}, ...]"""
    found = []
    for line in open(os.path.join(top, 'configs/mutants')):
        line = line.rstrip('\n')
        if line.startswith('@@ '):
            name, cases = line[3:].split(' | ')
            found.append({'name': name, 'cases': cases.split(','),
                          'hunks': [([], [])]})
        elif found and line == '=':
            found[-1]['hunks'].append(([], []))
        elif found and line[:1] and line[0] in '-+':
            found[-1]['hunks'][-1][line[0] == '+'].append(line[1:] + '\n')
    return found


def mutate(text, hunks):
    """text with every hunk applied, or None if one does not match once"""
    for old, new in hunks:
        old, new = ''.join(old), ''.join(new)
        if text.count(old) != 1:
            return None
        text = text.replace(old, new)
    return text


def failed_cases():
    bdir = os.path.join(build, 'kunit', 'mutants')
    os.makedirs(bdir, exist_ok=True)
    r = subprocess.run(
        ['python3', 'tools/testing/kunit/kunit.py', 'run', '--arch=x86_64',
         '--build_dir=' + bdir, '--kunitconfig=drivers/iommu/.kunitconfig',
         '--make_options=CC=ccache gcc', '--jobs=%d' % os.cpu_count(),
         '--timeout=600', '--qemu_args=-smp 2'],
        cwd=tree, capture_output=True, text=True)
    out = r.stdout + r.stderr
    if 'Testing complete' not in out:
        return None
    cases = set(re.findall(r'\[(?:FAILED|CRASHED)\] (\S+)', out))
    return cases - {'iommu-attach'}


def main():
    os.environ.setdefault('CCACHE_DIR', os.path.join(build, 'ccache'))
    orig = open(target).read()
    ok = bad = 0
    try:
        clean = failed_cases()
        if clean != set():
            print('mutants: the unmutated suite does not pass:', clean)
            sys.exit(1)
        for m in mutants():
            text = mutate(orig, m['hunks'])
            if text is None:
                print('not ok - %s: text not found once' % m['name'])
                bad += 1
                continue
            open(target, 'w').write(text)
            failed = failed_cases()
            caught = failed is not None and set(m['cases']) <= failed
            print('%s - %s: %s' % ('ok' if caught else 'not ok', m['name'],
                  'build or boot failed' if failed is None else
                  'failing: ' + (', '.join(sorted(failed)) or 'none')))
            ok, bad = ok + caught, bad + (not caught)
    finally:
        open(target, 'w').write(orig)
    print('%d passed, %d failed' % (ok, bad))
    sys.exit(bad > 0)


main()
