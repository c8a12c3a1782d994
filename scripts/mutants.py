#!/usr/bin/env python3
"""make mutants: prove that the tests catch the removal of each rule. For
every mutant in configs/mutants, patch its file in the generated tree
(drivers/iommu/iommu.c unless the mutant names another), run the tests
it names and check that they fail; the file is restored afterwards,
whatever happens. KUnit cases are run with kunit.py; a case written
"guest:TOPOLOGY:TEST" builds the patched kernel of that topology's
architecture and runs TEST in its guest; such a case also fails when the
log holds a kernel report (a splat, a KASAN or kmemleak report) or a
skipped case, as scripts/summary.sh counts them. Prints
one line per mutant and a closing "N passed, N failed" (a mutant passes
when every named case failed).
MUTANT=regex runs only the mutants whose name it matches."""
import os, re, subprocess, sys

top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
build = os.environ.get('BUILD', os.path.join(top, 'build'))
tree = os.path.join(build, 'linux')
default_target = 'drivers/iommu/iommu.c'


def mutants():
    """[{'file', 'name', 'cases', 'hunks': [(old, new), ...]}, ...]"""
    found = []
    for line in open(os.path.join(top, 'configs/mutants')):
        line = line.rstrip('\n')
        if line.startswith('@@ '):
            name, cases = line[3:].split(' | ')
            path = default_target
            m = re.match(r'(\S+\.[ch]): (.*)', name)
            if m:
                path, name = m.groups()
            found.append({'file': path, 'name': name,
                          'cases': cases.split(','), 'hunks': [([], [])]})
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
         '--timeout=600', '--qemu_args=-smp 2',
         # the model runs once per mock driver family: 4 x 10,000 steps
         # by default fit kunit.py's timeout on this KASAN kernel
         '--kernel_args=iommu_attach_kunit.random_steps=' +
         os.environ.get('MUTANT_STEPS', '10000')],
        cwd=tree, capture_output=True, text=True)
    out = r.stdout + r.stderr
    if 'Testing complete' not in out:
        return None
    cases = set(re.findall(r'\[(?:FAILED|CRASHED)\] (\S+)', out))
    return cases - {'iommu_attach'}


def topology_arch(topo):
    """the arch= of topologies/TOPO: the kernel its guest boots"""
    text = open(os.path.join(top, 'topologies', topo)).read()
    return re.search(r'^arch=(\S+)$', text, re.M)[1]


def failed_guest_cases(cases):
    """the guest cases ("guest:TOPO:TEST") that failed, None on no boot"""
    for arch in sorted({topology_arch(c.split(':')[1]) for c in cases}):
        r = subprocess.run([os.path.join(top, 'scripts/build.sh'), arch,
                            'patched'], capture_output=True, text=True)
        if r.returncode:
            return None
    failed = set()
    for case in cases:
        _, topo, test = case.split(':')
        r = subprocess.run([os.path.join(top, 'scripts/guest.sh'), topo,
                            'patched', test], capture_output=True, text=True)
        log = open(r.stdout.strip()).read()
        if '# guest: plan done' not in log:
            return None
        # summary.sh's verdict on the log: a kernel report or a skipped
        # case (groups missing) fails every case of it too
        summary = subprocess.run([os.path.join(top, 'scripts/summary.sh'),
                                  r.stdout.strip()], capture_output=True,
                                 text=True).stdout
        if (not re.search(r'^ok \d+ %s$' % re.escape(test), log, re.M) or
                not re.search(r'^\d+ passed, 0 failed$', summary, re.M)):
            failed.add(case)
    return failed


def run_cases(cases):
    guest = [c for c in cases if c.startswith('guest:')]
    if guest:
        return failed_guest_cases(guest)
    return failed_cases()


def main():
    os.environ.setdefault('CCACHE_DIR', os.path.join(build, 'ccache'))
    # MUTANT=regex runs only the mutants whose name it matches
    only = os.environ.get('MUTANT', '')
    all_mutants = [m for m in mutants() if re.search(only, m['name'])]
    origs = {}
    for m in all_mutants:
        path = os.path.join(tree, m['file'])
        origs.setdefault(path, open(path).read())
    ok = bad = 0
    try:
        clean = failed_cases()
        if clean != set():
            print('mutants: the unmutated suite does not pass:', clean)
            sys.exit(1)
        guest = sorted({c for m in all_mutants for c in m['cases']
                        if c.startswith('guest:')})
        if guest and failed_guest_cases(guest) != set():
            print('mutants: the unmutated guest tests do not pass')
            sys.exit(1)
        for m in all_mutants:
            path = os.path.join(tree, m['file'])
            text = mutate(origs[path], m['hunks'])
            if text is None:
                print('not ok - %s: text not found once' % m['name'])
                bad += 1
                continue
            open(path, 'w').write(text)
            try:
                failed = run_cases(m['cases'])
            finally:
                open(path, 'w').write(origs[path])
            caught = failed is not None and set(m['cases']) <= failed
            print('%s - %s: %s' % ('ok' if caught else 'not ok', m['name'],
                  'build or boot failed' if failed is None else
                  'failing: ' + (', '.join(sorted(failed)) or 'none')))
            ok, bad = ok + caught, bad + (not caught)
    finally:
        for path, text in origs.items():
            open(path, 'w').write(text)
        # The guest kernel is rebuilt from the restored tree next time
    print('%d passed, %d failed' % (ok, bad))
    sys.exit(bad > 0)


if __name__ == '__main__':
    main()
