// The words redrive prints: one summary line per parked batch, then what happened to it.

import type { OnFailureMessage } from "../emulation/on-failure-message";
import type { MissingRange } from "./stream-range";

export const STREAM_RETENTION_MS = 24 * 60 * 60 * 1000;

export function duration(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60000);
  if (minutes < 1) return `${Math.floor(Math.abs(ms) / 1000)} s`;
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, "0")} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export const records = (n: number) => plural(n, "record");

/** `sequence numbers A to B`, or `sequence number A` for a one-record range. */
export function sequenceRange(from: string, to: string): string {
  return from === to ? `sequence number ${from}` : `sequence numbers ${from} to ${to}`;
}

/**
 * How old the batch's first record is and, on AWS, how long until the stream trims it; nothing to fear
 * from trimming when the message holds the records (an S3 object).
 */
export function ageText(pointer: OnFailureMessage, now: number, local: boolean): string {
  const arrival = Date.parse(pointer.firstArrival);
  const whole = "whole records in the object, no stream read: safe after the stream trims them";
  if (Number.isNaN(arrival)) return pointer.records ? `age unknown, ${whole}` : "age unknown";
  const age = now - arrival;
  if (pointer.records) return `first record ${duration(age)} old, ${whole}`;
  if (local) return `first record ${duration(age)} old, kept while the local session runs`;
  const left = STREAM_RETENTION_MS - age;
  return left > 0
    ? `first record ${duration(age)} old, about ${duration(left)} left before the stream trims it`
    : `first record ${duration(age)} old, past the stream's 24 h: it may be trimmed`;
}

export function summaryLine(pointer: OnFailureMessage, now: number, local: boolean): string {
  return [
    pointer.condition,
    pointer.shardId,
    `${records(pointer.batchSize)} (${sequenceRange(pointer.startSequenceNumber, pointer.endSequenceNumber)})`,
    ageText(pointer, now, local),
  ].join(", ");
}

export function lostLine(missing: readonly MissingRange[], count: number): string {
  const ranges = missing.map((m) => `${sequenceRange(m.from, m.to)} (${m.reason})`).join("; ");
  return `LOST ${count > 0 ? records(count) : "records"}: ${ranges}`;
}
