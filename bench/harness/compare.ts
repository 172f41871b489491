import { DataSource } from 'typeorm';
import type { Contender } from '../contenders/contender';
import { canonical, WorkloadInput, WorkloadName, WORKLOADS } from '../workloads';
import { demoToken, Fixtures, freshBankReports, inputFor } from './fixtures';

export interface RunningAt { contender: Contender; port: number }

export interface Difference {
  workload: WorkloadName;
  contender: string;
  /** Where the answers first differ, and the two values there. */
  path: string;
  expected: unknown;
  actual: unknown;
}

export const COMPARED_WORKLOADS: WorkloadName[] = ['inbox', 'inboxDeep', 'detail', 'track', 'recipient', 'submit', 'bankReport'];

/**
 * Asks every contender the same questions and compares their answers with
 * Aduan's (the first one given), after `canonical`: the check that the
 * benchmark compares like with like. Writes happen (a submission and a bank
 * report per contender and sample: the bank reports on fresh families each).
 */
export async function compareAnswers(db: DataSource, fixtures: Fixtures, running: RunningAt[], samples = 3): Promise<{ compared: number; differences: Difference[] }> {
  const differences: Difference[] = [];
  let compared = 0;
  for (const workload of COMPARED_WORKLOADS) {
    const token = await demoToken(db, WORKLOADS[workload].clientId);
    const answering = running.filter((r) => r.contender.supports(workload));
    for (let sample = 0; sample < samples; sample += 1) {
      const reports = workload === 'bankReport' ? await freshBankReports(db, answering.length) : [];
      const answers: unknown[] = [];
      for (const [k, { contender, port }] of answering.entries()) {
        const input: WorkloadInput = workload === 'bankReport' ? reports[k] : inputFor(workload, fixtures, sample * 7);
        const request = contender.request(workload, input, token);
        const response = await fetch(`http://127.0.0.1:${port}${request.path}`, { method: request.method, headers: request.headers, body: request.body });
        const text = await response.text();
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          body = { unparseable: text.slice(0, 200) };
        }
        const shaped = contender.toAduanShape ? contender.toAduanShape(workload, body) : body;
        answers.push(canonical(workload, shaped));
      }
      for (let k = 1; k < answers.length; k += 1) {
        compared += 1;
        const difference = firstDifference(answers[0], answers[k], '');
        if (difference) differences.push({ workload, contender: answering[k].contender.name, ...difference });
      }
      if (answers.length && (answers[0] as { errors?: unknown }).errors) {
        differences.push({ workload, contender: answering[0].contender.name, path: 'errors', expected: undefined, actual: (answers[0] as { errors: unknown }).errors });
      }
    }
  }
  return { compared, differences };
}

function firstDifference(expected: unknown, actual: unknown, path: string): { path: string; expected: unknown; actual: unknown } | null {
  if (expected === actual) return null;
  if (typeof expected !== 'object' || typeof actual !== 'object' || expected === null || actual === null || Array.isArray(expected) !== Array.isArray(actual)) {
    return { path: path || '(root)', expected: shorten(expected), actual: shorten(actual) };
  }
  if (Array.isArray(expected) && Array.isArray(actual) && expected.length !== actual.length) {
    return { path: `${path}.length`, expected: expected.length, actual: actual.length };
  }
  const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  for (const key of keys) {
    const found = firstDifference((expected as Record<string, unknown>)[key], (actual as Record<string, unknown>)[key], `${path}.${key}`);
    if (found) return found;
  }
  return null;
}

function shorten(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text && text.length > 200 ? `${text.slice(0, 200)}…` : value;
}
