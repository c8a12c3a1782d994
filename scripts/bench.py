#!/usr/bin/env python3
"""bench.py DIR: the table of make bench, from the consoles in DIR.

calls-IOMMU-VARIANT.log: one vfio_bench run per kernel and vIOMMU;
time-I-VARIANT.log: timed vfio_bench runs, boot I of each kernel;
mock-I-VARIANT.log: the iommu_bench KUnit suite, boot I of each kernel.
VARIANT is patched, base, or control (timed runs only): the base with
code that never runs, whose ratio to the base (A/A) shows what a new
layout alone does to a figure. The boots of the kernels alternate.
Prints one table and writes DIR/bench.csv and DIR/bench.png.
"""
import csv
import os
import re
import statistics
import sys

LINE = re.compile(r'(?<!\w)bench: (\w+) (\S+) ([-0-9.]+) (\S+)\s*$')
FILE = re.compile(r'^(calls|time|mock)-(.+)-(patched|base|control)\.log$')


def parse(path):
    with open(path, errors='replace') as f:
        for line in f:
            m = LINE.search(line)
            if m:
                yield m[1], m[2], float(m[3]), m[4]


def limit(name):
    """The fewest attach_dev calls the operation can cost, where known.

    Every device of the group has to be attached once to move the group
    (N); a member joining a group already on its domain needs no call.
    A container claiming a group blocks its DMA (N) before type1 attaches
    the container's domain (N); leaving blocks again (N) and the release
    returns to the default domain (N).
    """
    n = [int(x) for x in re.findall(r'n(\d+)', name)]
    if name.startswith(('first_group_join', 'second_group_join')):
        return 2 * n[0]
    if name.startswith('two_groups'):
        return 4 * sum(n)
    if name.startswith('attach_other_members'):
        return 0
    if name.startswith(('attach_group', 'attach_first_member',
                        'detach_group', 'replace')):
        return n[0]
    return None


def fmt(x, digits=0):
    return '-' if x is None else f'{x:.{digits}f}'


def main(d):
    calls = {}      # (iommu, name) -> {variant: value}
    timed = {}      # (section, name) -> {variant: {boot: [values]}}
    unit = {}
    for f in sorted(os.listdir(d)):
        m = FILE.match(f)
        if not m:
            continue
        kind, tag, variant = m[1], m[2], m[3]
        for section, name, value, u in parse(os.path.join(d, f)):
            if u == 'calls':
                # the same counts in timed runs; the control is the base's
                if kind == 'time' or variant == 'control':
                    continue
                iommu = 'mock' if kind == 'mock' else tag
                calls.setdefault((iommu, name), {}).setdefault(variant,
                                                               value)
            elif kind in ('time', 'mock'):
                unit[name] = u
                timed.setdefault((section, name), {}) \
                    .setdefault(variant, {}) \
                    .setdefault(int(tag), []).append(value)

    rows = []
    print('== 1. IOMMU driver calls per operation (deterministic: the mock '
          'driver\'s count, or the')
    print('   attach_device_to_domain tracepoint in the guests)')
    print(f'{"IOMMU":7} {"operation":30} {"patched":>8} {"base":>8} '
          f'{"limit":>6}')
    order = {'mock': 0, 'intel': 1, 'amd': 2, 'smmuv3': 3}
    for (iommu, name), v in sorted(calls.items(),
                                   key=lambda kv: (order.get(kv[0][0], 9),
                                                   natural(kv[0][1]))):
        p, b, lim = v.get('patched'), v.get('base'), limit(name)
        print(f'{iommu:7} {name:30} {fmt(p):>8} {fmt(b):>8} {fmt(lim):>6}')
        rows.append(['calls', iommu, name, 'calls', p, p, p, b, b, b,
                     p / b if p is not None and b else None, None, None,
                     lim, None, None, None])

    ratios = []
    for section, title in (
            ('mock', '2. attach + detach pair, mock driver, '
                     f'in-kernel loop (KUnit kernel, TCG)'),
            ('vfio', '3. VFIO type1 end to end, intel guest (TCG)')):
        print()
        print(f'== {title}')
        print('   median of all samples [min-max]; ratio = median patched '
              '/ median base;')
        print('   pairs = median of boot i patched / of boot i base, '
              '[min-max];')
        print('   A/A = median control / median base, [min-max] of its '
              'boot pairs')
        print(f'{"figure":28} {"unit":4} {"patched":>24} {"base":>24} '
              f'{"ratio":>6} {"pairs":>12} {"A/A":>6} {"A/A pairs":>12} '
              f'{"n":>3}')
        for (sec, name), byvar in sorted(timed.items(),
                                         key=lambda kv: natural(kv[0][1])):
            if sec != section or 'patched' not in byvar or \
               'base' not in byvar:
                continue
            p = [x for boot in byvar['patched'].values() for x in boot]
            b = [x for boot in byvar['base'].values() for x in boot]
            mp, mb = statistics.median(p), statistics.median(b)
            pairs = boot_ratios(byvar, 'patched')
            r = mp / mb
            ps = f'{mp:.0f} [{min(p):.0f}-{max(p):.0f}]'
            bs = f'{mb:.0f} [{min(b):.0f}-{max(b):.0f}]'
            aa, aapairs = None, boot_ratios(byvar, 'control')
            if aapairs:
                aa = statistics.median(
                    [x for boot in byvar['control'].values()
                     for x in boot]) / mb
                aas = f'{aa:6.3f} {min(aapairs):5.3f}-{max(aapairs):5.3f}'
            else:
                aas = f'{"-":>6} {"-":>11}'
            ratios.append((f'{section}: {name}', r, min(pairs), max(pairs),
                           aa, aapairs))
            print(f'{name:28} {unit[name]:4} {ps:>24} {bs:>24} {r:6.3f} '
                  f'{min(pairs):5.3f}-{max(pairs):5.3f} {aas} {len(p):3}')
            rows.append([section, 'mock' if section == 'mock' else 'intel',
                         name, unit[name], mp, min(p), max(p), mb, min(b),
                         max(b), r, min(pairs), max(pairs), None, aa,
                         min(aapairs) if aapairs else None,
                         max(aapairs) if aapairs else None])

    with open(os.path.join(d, 'bench.csv'), 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(['section', 'iommu', 'figure', 'unit', 'patched_median',
                    'patched_min', 'patched_max', 'base_median', 'base_min',
                    'base_max', 'ratio', 'pair_ratio_min', 'pair_ratio_max',
                    'limit', 'aa_ratio', 'aa_pair_min', 'aa_pair_max'])
        w.writerows(rows)
    plot(d, calls, ratios)
    print()
    print(f'csv: {os.path.join(d, "bench.csv")}')
    print(f'plot: {os.path.join(d, "bench.png")}')


def boot_ratios(byvar, variant):
    """Per boot i: median of VARIANT's boot i over the base's boot i."""
    got = byvar.get(variant, {})
    return [statistics.median(got[i]) / statistics.median(byvar['base'][i])
            for i in sorted(got) if i in byvar['base']]


def natural(s):
    return [int(t) if t.isdigit() else t for t in re.split(r'(\d+)', s)]


def plot(d, calls, ratios):
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt

    fig, (a1, a2) = plt.subplots(1, 2, figsize=(16, 6))
    keys = sorted(calls, key=lambda k: (k[0], natural(k[1])))
    x = range(len(keys))
    w = 0.27
    for off, var, color in ((-w, 'patched', 'tab:blue'),
                            (0, 'base', 'tab:orange')):
        a1.bar([i + off for i in x], [calls[k].get(var, 0) for k in keys],
               w, label=var, color=color)
    a1.bar([i + w for i in x], [limit(k[1]) or 0 for k in keys], w,
           label='limit', color='tab:gray')
    a1.set_xticks(list(x))
    a1.set_xticklabels([f'{t}: {n}' for t, n in keys], rotation=90,
                       fontsize=6)
    a1.set_yscale('symlog')
    a1.set_ylabel('attach_dev calls')
    a1.set_title('IOMMU driver calls per operation')
    a1.legend()

    names = [r[0] for r in ratios]
    y = [r[1] for r in ratios]
    err = [[r[1] - r[2] for r in ratios], [r[3] - r[1] for r in ratios]]
    x = range(len(names))
    a2.bar([i - 0.2 for i in x], y, 0.4, yerr=err, capsize=3,
           color='tab:blue', label='patched / base')
    aa = [(i, r[4], min(r[5]), max(r[5])) for i, r in enumerate(ratios)
          if r[4] is not None]
    if aa:
        a2.bar([i + 0.2 for i, _, _, _ in aa], [v for _, v, _, _ in aa],
               0.4, yerr=[[v - lo for _, v, lo, _ in aa],
                          [hi - v for _, v, _, hi in aa]],
               capsize=3, color='tab:gray', label='control / base (A/A)')
    a2.legend()
    a2.axhline(1.0, color='black', linewidth=0.8)
    a2.axhline(1.03, color='red', linewidth=0.8, linestyle='--')
    a2.set_xticks(range(len(names)))
    a2.set_xticklabels(names, rotation=90, fontsize=6)
    a2.set_ylabel('patched / base: median (bars: boot pairs, min-max)')
    a2.set_title('Time against base: patched, and the A/A control')
    fig.tight_layout()
    fig.savefig(os.path.join(d, 'bench.png'), dpi=100)


if __name__ == '__main__':
    main(sys.argv[1])
