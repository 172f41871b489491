import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Cell, Environment } from '../run';
import { WorkloadName, WORKLOADS } from '../workloads';
import type { Difference } from './compare';
import type { Scale } from './database';
import { median, round } from './stats';

export interface ReportInput {
  scale: Scale;
  options: { reps: number; seconds: number; warmup: number };
  environment: Environment;
  cells: Cell[];
  openRates: Partial<Record<WorkloadName, number>>;
  missing: Map<string, string>;
  comparison: { compared: number; differences: Difference[] };
  fixtures: { deepPage: number };
  root: string;
}

/** The medians over repetitions of one contender at one workload and load level. */
export interface Summary {
  workload: WorkloadName;
  level: string;
  contender: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  serverCpuMsPerRequest: number;
  postgresCpuMsPerRequest: number;
  statementsPerRequest: number;
  peakRssMb: number;
  failed: number;
  committedPerSecond?: number;
}

export interface TargetResult { target: string; measured: string; met: boolean | null }

const LABELS: Record<string, string> = {
  aduan: 'Aduan',
  limit: 'limit',
  postgraphile: 'PostGraphile',
  'aduan-no-permissions': 'Aduan, permissions off',
  'aduan-no-dataloader': 'Aduan, DataLoader off',
  'aduan-interpreted': 'Aduan, interpreted (graphql-js)',
};

export function summarise(cells: Cell[]): Summary[] {
  const groups = new Map<string, Cell[]>();
  for (const cell of cells) {
    const key = `${cell.workload}|${cell.level}|${cell.contender}`;
    groups.set(key, [...(groups.get(key) ?? []), cell]);
  }
  return [...groups.values()].map((group) => {
    const m = (f: (c: Cell) => number) => median(group.map(f));
    return {
      workload: group[0].workload,
      level: group[0].level,
      contender: group[0].contender,
      requestsPerSecond: m((c) => c.load.requestsPerSecond),
      p50Ms: m((c) => c.load.p50Ms),
      p99Ms: m((c) => c.load.p99Ms),
      serverCpuMsPerRequest: m((c) => c.serverCpuMsPerRequest),
      postgresCpuMsPerRequest: m((c) => c.postgresCpuMsPerRequest),
      statementsPerRequest: m((c) => c.statementsPerRequest),
      peakRssMb: Math.max(...group.map((c) => c.peakRssMb)),
      failed: group.reduce((sum, c) => sum + c.load.failed, 0),
      committedPerSecond: group[0].committedPerSecond === undefined ? undefined : m((c) => c.committedPerSecond!),
    };
  });
}

export function evaluateTargets(summaries: Summary[], input: Pick<ReportInput, 'missing' | 'fixtures' | 'scale'>): TargetResult[] {
  const find = (workload: WorkloadName, level: string, contender: string) =>
    summaries.find((s) => s.workload === workload && s.level === level && s.contender === contender);
  const best = (workload: WorkloadName, contender: string) =>
    Math.max(...summaries.filter((s) => s.workload === workload && s.contender === contender && s.level.startsWith('c')).map((s) => s.requestsPerSecond));
  const pct = (x: number) => `${round(x * 100, 1)} %`;
  const results: TargetResult[] = [];

  const aduanInbox = best('inbox', 'aduan');
  const limitInbox = best('inbox', 'limit');
  if (Number.isFinite(aduanInbox) && Number.isFinite(limitInbox)) {
    results.push({ target: 'Inbox throughput ≥ 50 % of the limit’s (best of 1/16/64 connections each)',
      measured: `${round(aduanInbox, 1)} vs ${round(limitInbox, 1)} req/s = ${pct(aduanInbox / limitInbox)}`, met: aduanInbox / limitInbox >= 0.5 });
  }
  const postgraphileInbox = best('inbox', 'postgraphile');
  results.push(Number.isFinite(postgraphileInbox)
    ? { target: 'Inbox throughput ahead of PostGraphile', measured: `${round(aduanInbox, 1)} vs ${round(postgraphileInbox, 1)} req/s = ${pct(aduanInbox / postgraphileInbox)}`, met: aduanInbox > postgraphileInbox }
    : { target: 'Inbox throughput ahead of PostGraphile', measured: `not measured: PostGraphile ${input.missing.get('postgraphile') ?? 'absent'}`, met: null });
  const openInbox = find('inbox', 'open', 'aduan');
  if (openInbox) {
    results.push({ target: 'Inbox p99 ≤ 100 ms at half the limit’s rate (open loop, corrected)',
      measured: `${round(openInbox.p99Ms, 1)} ms at ${round(openInbox.requestsPerSecond, 0)} req/s`, met: openInbox.p99Ms <= 100 && openInbox.failed === 0 });
  }
  const page1 = find('inbox', 'c1', 'aduan');
  const deep = find('inboxDeep', 'c1', 'aduan');
  if (page1 && deep) {
    results.push({ target: `Inbox page ${input.fixtures.deepPage.toLocaleString('en')} within 10 % of page 1 (median latency, 1 connection)`,
      measured: `${round(deep.p50Ms, 2)} vs ${round(page1.p50Ms, 2)} ms = ${pct(deep.p50Ms / page1.p50Ms)}`, met: deep.p50Ms <= page1.p50Ms * 1.1 });
  }
  const submits = summaries.filter((s) => s.workload === 'submit' && s.contender === 'aduan' && s.level.startsWith('c'));
  if (submits.length) {
    const top = submits.reduce((a, b) => ((a.committedPerSecond ?? 0) >= (b.committedPerSecond ?? 0) ? a : b));
    results.push({ target: 'submitComplaint ≥ 1,000 committed complaints/s from one server process',
      measured: `${round(top.committedPerSecond ?? 0, 0)} committed/s (${top.level.replace('c', '')} connections)`, met: (top.committedPerSecond ?? 0) >= 1000 });
  }
  const bank = find('bankReport', 'sequential', 'aduan');
  if (bank) {
    results.push({ target: 'A 1,000-item bank report ≤ 1 s', measured: `median ${round(bank.p50Ms, 0)} ms, slowest of the run ${round(bank.p99Ms, 0)} ms`, met: bank.p99Ms <= 1000 });
  }
  const recipientOpen = find('recipient', 'open', 'aduan');
  const recipientOne = find('recipient', 'c1', 'aduan');
  if (recipientOne) {
    // The lookup's own latency, one request at a time; under load it is the throughput that decides (shown beside it).
    results.push({ target: `Recipient by NIK at ${input.scale.recipients.toLocaleString('en')} recipients: p99 ≤ 10 ms (1 connection)`,
      measured: `${round(recipientOne.p99Ms, 2)} ms (p50 ${round(recipientOne.p50Ms, 2)} ms)${recipientOpen ? `; at half the limit’s rate (${round(recipientOpen.requestsPerSecond, 0)} req/s) p99 ${round(recipientOpen.p99Ms, 1)} ms` : ''}`,
      met: recipientOne.p99Ms <= 10 });
  }
  const noPermissions = find('inbox', 'c1', 'aduan-no-permissions');
  if (page1 && noPermissions) {
    const share = (page1.p50Ms - noPermissions.p50Ms) / page1.p50Ms;
    results.push({ target: 'Permission layer ≤ 15 % of the inbox latency (median, 1 connection)',
      measured: `${round(page1.p50Ms, 2)} ms on, ${round(noPermissions.p50Ms, 2)} ms off = ${pct(share)}`, met: share <= 0.15 });
  }
  const rss = Math.max(...summaries.filter((s) => s.contender === 'aduan').map((s) => s.peakRssMb));
  if (Number.isFinite(rss)) results.push({ target: 'Server RSS under load ≤ 300 MB', measured: `peak ${round(rss, 0)} MB (all workloads)`, met: rss <= 300 });
  return results;
}

export function writeReport(input: ReportInput): string[] {
  const summaries = summarise(input.cells);
  const targets = evaluateTargets(summaries, input);
  const dir = path.join(input.root, 'docs', 'benchmarks');
  mkdirSync(dir, { recursive: true });
  const jsonPath = path.join(dir, `${input.scale.name}.json`);
  const svgPath = path.join(dir, `${input.scale.name}-latency.svg`);
  writeFileSync(jsonPath, `${JSON.stringify({
    scale: input.scale, options: input.options, environment: input.environment, openRates: input.openRates,
    missing: Object.fromEntries(input.missing), comparison: input.comparison, fixtures: input.fixtures, targets, summaries, cells: input.cells,
  }, null, 2)}\n`);
  writeFileSync(svgPath, latencyPlot(summaries, input.scale));
  const docPath = path.join(input.root, 'docs', 'benchmarks.md');
  const section = markdown(input, summaries, targets);
  const begin = `<!-- results:${input.scale.name}:begin -->`;
  const end = `<!-- results:${input.scale.name}:end -->`;
  const current = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '# Benchmarks\n';
  const block = `${begin}\n${section}\n${end}`;
  const next = current.includes(begin) && current.includes(end)
    ? current.slice(0, current.indexOf(begin)) + block + current.slice(current.indexOf(end) + end.length)
    : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(docPath, next);
  return [docPath, jsonPath, svgPath].map((p) => path.relative(input.root, p));
}

function markdown(input: ReportInput, summaries: Summary[], targets: TargetResult[]): string {
  const e = input.environment;
  const lines: string[] = [];
  const s = input.scale;
  lines.push(`### ${s.name[0].toUpperCase()}${s.name.slice(1)} scale: ${s.recipients.toLocaleString('en')} recipients, ${s.complaints.toLocaleString('en')} complaints`, '');
  lines.push(`- Command: \`${e.command}\` (${input.options.reps} repetitions, ${input.options.warmup} s warm-up and ${input.options.seconds} s measured per cell; medians)`);
  lines.push(`- Machine: ${e.machine}, ${e.memoryGiB} GiB; Node ${e.node}; PostgreSQL ${e.postgres} on the same machine (${Object.entries(e.settings).map(([k, v]) => `${k} ${v}`).join(', ')})`);
  lines.push(`- Run: ${e.startedAt} – ${e.finishedAt}, commit ${e.commit}; load average (1/5/15 min) before ${e.loadAverageBefore.join(' / ')}, after ${e.loadAverageAfter.join(' / ')}`);
  lines.push(`- Answers compared before measuring: ${input.comparison.compared}, differences: ${input.comparison.differences.length}${input.comparison.differences.map((d) => `; ${d.workload} ${d.contender} at \`${d.path}\``).join('')}`);
  for (const [name, why] of input.missing) lines.push(`- ${LABELS[name] ?? name}: ${why}`);
  lines.push('', '#### Targets', '', '| target | measured | met |', '| --- | --- | --- |');
  for (const t of targets) lines.push(`| ${t.target} | ${t.measured} | ${t.met === null ? 'not measured' : t.met ? 'yes' : '**no**'} |`);
  lines.push('', '#### Figures', '');
  lines.push('Medians of the repetitions; × is the ratio to the limit at the same load. c*N*: closed loop, *N* connections; open: open loop at the rate shown, latency from the intended send time. CPU ms per request: the server process and the PostgreSQL backends of the benchmark database, separately.', '');
  const workloads = [...new Set(summaries.map((x) => x.workload))];
  for (const workload of workloads) {
    lines.push(`**${WORKLOADS[workload].title}**${input.openRates[workload] ? ` — open loop at ${input.openRates[workload]} req/s` : ''}`, '');
    lines.push('| load | contender | req/s | p50 ms | p99 ms | server CPU ms/req | PostgreSQL CPU ms/req | SQL statements/req | peak RSS MB |');
    lines.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    const rows = summaries.filter((x) => x.workload === workload);
    for (const level of [...new Set(rows.map((r) => r.level))]) {
      const limit = rows.find((r) => r.level === level && r.contender === 'limit');
      for (const r of rows.filter((x) => x.level === level)) {
        const ratio = (v: number, l: number | undefined) => (l && r.contender !== 'limit' ? ` (${round(v / l, 2)}×)` : '');
        lines.push(`| ${level} | ${LABELS[r.contender] ?? r.contender} | ${round(r.requestsPerSecond, 1)}${ratio(r.requestsPerSecond, limit?.requestsPerSecond)}`
          + `${r.committedPerSecond !== undefined ? `, ${round(r.committedPerSecond, 0)} committed/s` : ''}${r.failed ? `, ${r.failed} failed` : ''}`
          + ` | ${round(r.p50Ms, 2)}${ratio(r.p50Ms, limit?.p50Ms)} | ${round(r.p99Ms, 2)}${ratio(r.p99Ms, limit?.p99Ms)}`
          + ` | ${round(r.serverCpuMsPerRequest, 2)}${ratio(r.serverCpuMsPerRequest, limit?.serverCpuMsPerRequest)}`
          + ` | ${round(r.postgresCpuMsPerRequest, 2)}${ratio(r.postgresCpuMsPerRequest, limit?.postgresCpuMsPerRequest)}`
          + ` | ${round(r.statementsPerRequest, 1)}${ratio(r.statementsPerRequest, limit?.statementsPerRequest)}`
          + ` | ${round(r.peakRssMb, 0)}${ratio(r.peakRssMb, limit?.peakRssMb)} |`);
      }
    }
    lines.push('');
  }
  lines.push(`Latency against load: [${s.name}-latency.svg](benchmarks/${s.name}-latency.svg); every cell: [${s.name}.json](benchmarks/${s.name}.json).`);
  return lines.join('\n');
}

const COLOURS: Record<string, string> = {
  aduan: '#1f77b4', limit: '#2ca02c', postgraphile: '#9467bd', 'aduan-no-permissions': '#ff7f0e', 'aduan-no-dataloader': '#d62728', 'aduan-interpreted': '#8c564b',
};

/** p50 and p99 latency (log scale) against throughput, one panel per workload, one line per contender through its load levels. */
function latencyPlot(summaries: Summary[], scale: Scale): string {
  const workloads = [...new Set(summaries.map((s) => s.workload))].filter((w) => w !== 'bankReport' && w !== 'inboxDeep');
  const panelW = 420;
  const panelH = 260;
  const columns = 2;
  const width = panelW * columns;
  const height = panelH * Math.ceil(workloads.length / columns) + 60;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`);
  parts.push(`<rect width="100%" height="100%" fill="white"/><text x="10" y="18" font-size="14">Latency against throughput, ${scale.name} scale (solid p50, dashed p99; joined: 1, 16, 64 connections; hollow: open loop)</text>`);
  Object.keys(COLOURS).forEach((name, i) => parts.push(`<rect x="${10 + i * 160}" y="30" width="12" height="12" fill="${COLOURS[name]}"/><text x="${26 + i * 160}" y="40">${LABELS[name]}</text>`));
  workloads.forEach((workload, index) => {
    const x0 = (index % columns) * panelW + 50;
    const y0 = Math.floor(index / columns) * panelH + 60;
    const w = panelW - 70;
    const h = panelH - 60;
    const rows = summaries.filter((s) => s.workload === workload);
    const maxX = Math.max(...rows.map((r) => r.requestsPerSecond)) * 1.1 || 1;
    const minY = Math.max(0.1, Math.min(...rows.map((r) => r.p50Ms)) / 1.5);
    const maxY = Math.max(...rows.map((r) => r.p99Ms)) * 1.5;
    const sx = (v: number) => x0 + (v / maxX) * w;
    const sy = (v: number) => y0 + h - ((Math.log10(Math.max(v, minY)) - Math.log10(minY)) / (Math.log10(maxY) - Math.log10(minY))) * h;
    parts.push(`<text x="${x0}" y="${y0 - 6}" font-size="12">${workload}</text>`);
    parts.push(`<rect x="${x0}" y="${y0}" width="${w}" height="${h}" fill="none" stroke="#999"/>`);
    for (const tick of [0.1, 1, 10, 100, 1000, 10000].filter((t) => t >= minY && t <= maxY)) {
      parts.push(`<line x1="${x0}" x2="${x0 + w}" y1="${sy(tick)}" y2="${sy(tick)}" stroke="#eee"/><text x="${x0 - 4}" y="${sy(tick) + 4}" text-anchor="end">${tick} ms</text>`);
    }
    parts.push(`<text x="${x0 + w}" y="${y0 + h + 14}" text-anchor="end">${round(maxX / 1.1, 0)} req/s</text><text x="${x0}" y="${y0 + h + 14}">0</text>`);
    for (const contender of [...new Set(rows.map((r) => r.contender))]) {
      // The closed-loop levels joined in order of connections; the open-loop point on its own, hollow.
      const closed = rows.filter((r) => r.contender === contender && r.level.startsWith('c')).sort((a, b) => Number(a.level.slice(1)) - Number(b.level.slice(1)));
      const open = rows.filter((r) => r.contender === contender && r.level === 'open');
      const colour = COLOURS[contender] ?? '#000';
      for (const [key, dash] of [['p50Ms', ''], ['p99Ms', ' stroke-dasharray="4 3"']] as const) {
        parts.push(`<polyline fill="none" stroke="${colour}"${dash} points="${closed.map((p) => `${round(sx(p.requestsPerSecond), 1)},${round(sy(p[key]), 1)}`).join(' ')}"/>`);
        for (const p of [...closed, ...open]) {
          const fill = p.level === 'open' ? `fill="white" stroke="${colour}"` : `fill="${colour}"`;
          parts.push(`<circle cx="${round(sx(p.requestsPerSecond), 1)}" cy="${round(sy(p[key]), 1)}" r="${p.level === 'open' ? 3.5 : 2.5}" ${fill}><title>${contender} ${p.level}: ${round(p.requestsPerSecond, 1)} req/s, ${key === 'p50Ms' ? 'p50' : 'p99'} ${round(p[key], 2)} ms</title></circle>`);
        }
      }
    }
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

/** Writes the report again from a run's JSON (after a change to this file's format): node dist/bench/run.js --rewrite-report --scale large. */
export function rewriteReport(root: string, scaleName: string): string[] {
  const saved = JSON.parse(readFileSync(path.join(root, 'docs', 'benchmarks', `${scaleName}.json`), 'utf8'));
  return writeReport({
    scale: saved.scale, options: saved.options, environment: saved.environment, cells: saved.cells, openRates: saved.openRates,
    missing: new Map(Object.entries(saved.missing ?? {})), comparison: saved.comparison,
    fixtures: saved.fixtures ?? { deepPage: Math.min(1000, Math.floor(saved.scale.complaints / 3 / 50)) }, root,
  });
}
