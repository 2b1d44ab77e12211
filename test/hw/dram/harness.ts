/**
 * Shared helpers for DRAM timing tests: set up a channel state with unchecked commands (so one
 * rule can be isolated from the rules that would normally dominate it), then check that the
 * following command is rejected one cycle early and accepted on time.
 */
import { expect } from 'vitest';
import { DramState } from '../../../src/hw/dram/dram-state.js';
import type { DramSpec } from '../../../src/hw/dram/dram-spec.js';
import { HetsimError } from '../../../src/errors.js';

/** [command, flat bank, row, cycle, arg?] */
export type Step = [string, number, number, number, number?];

export function build(spec: DramSpec, setup: readonly Step[], dual = true): DramState {
  const s = new DramState(spec, dual);
  for (const [cmd, bank, row, cycle, arg] of setup) s.apply(s.cmd(cmd), bank, row, cycle, arg ?? 0);
  return s;
}

function violation(fn: () => void): HetsimError | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof HetsimError) return e;
    throw e;
  }
  return undefined;
}

/**
 * After `setup`, `following` at cycle `due − 1` throws timing_violation and at `due` is accepted
 * (each on a fresh state, so the early attempt cannot affect the on-time one).
 */
export function expectRule(spec: DramSpec, setup: readonly Step[], following: [string, number, number, number?], due: number, dual = true): void {
  const [cmd, bank, row, arg] = following;
  const early = build(spec, setup, dual);
  expect(early.earliest(early.cmd(cmd), bank)).toBe(due);
  const err = violation(() => early.issue(early.cmd(cmd), bank, row, due - 1, arg ?? 0));
  expect(err?.code).toBe('timing_violation');
  const onTime = build(spec, setup, dual);
  expect(violation(() => onTime.issue(onTime.cmd(cmd), bank, row, due, arg ?? 0))).toBeUndefined();
}

/** The command is illegal in the bank state reached by `setup`, whatever the cycle. */
export function expectIllegal(spec: DramSpec, setup: readonly Step[], cmd: [string, number, number], dual = true): void {
  const s = build(spec, setup, dual);
  expect(violation(() => s.issue(s.cmd(cmd[0]), cmd[1], cmd[2], 1e9))?.code).toBe('timing_violation');
}

/** Flat bank index inside a channel of the HBM2 organisation (4 BG × 4 banks per rank). */
export const bank = (rank: number, bg: number, b: number): number => (rank * 4 + bg) * 4 + b;
